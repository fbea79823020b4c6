package io.handraiser.handoff.handoff;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.handoff.CloseHandoff;
import io.handraiser.contract.handoff.EscalateHandoff;
import io.handraiser.contract.handoff.ExpireHandoff;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.contract.handoff.OpenHandoff;
import io.handraiser.contract.handoff.RemindHandoff;
import io.handraiser.contract.shared.Actor;
import io.handraiser.handoff.routing.Router;
import io.handraiser.starter.eventlog.OwnUnitOfWork;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carries one MQL through sales: opens its handoff with the routed rep, reminds the rep part-way through the
 * SLA, escalates to the next rep at the deadline, and after the last escalation lets the handoff expire, which
 * contact-service answers by returning the contact to nurture. The contact's own fate ends it: accepted,
 * returned, disqualified or erased.
 * <p>
 * Deadlines carry the handoff id and their own due time drives the next one, so the saga never reads a clock and
 * replays identically. Its fields are its state in the saga store; collaborators arrive as handler parameters.
 * Each command commits as its own unit of work before the processor's token moves on ({@link OwnUnitOfWork}); the
 * handoff id is derived from the decision and a closed handoff ignores late commands, so a redelivery records
 * nothing twice.
 */
@Saga
public class HandoffSaga {

    static final String REMINDER = "handoff-reminder";
    static final String ESCALATION = "handoff-escalation";
    static final Actor HANDOFF_SERVICE = Actor.system("handoff-service", null);

    private String contactId;
    private String handoffId;
    private String tier;
    private String assignee;
    private List<String> passedOver = new ArrayList<>();
    private int escalations;

    @StartSaga
    @SagaEventHandler(associationProperty = "contactId")
    void on(MarkedMQL event, @MessageIdentifier String decisionId, Router router, HandoffProperties sla, CommandGateway commands,
            DeadlineManager deadlines) {
        if (handoffId != null) {
            return;
        }
        HandoffId id = HandoffId.forDecision(event.contactId(), decisionId);
        contactId = event.contactId().toString();
        handoffId = id.toString();
        tier = event.tier().name();
        assignee = router.route(event.contactId(), event.tier(), passedOver).orElse(null);
        Duration window = sla.slaFor(event.tier());
        try {
            send(commands, new OpenHandoff(id, event.contactId(), event.tier(), event.evidence(), assignee, event.at().plus(window)));
        } catch (AggregateStreamCreationException openedBefore) {
            SagaLifecycle.end();
            return;
        }
        SagaLifecycle.associateWith("handoffId", handoffId);
        schedule(deadlines, sla, event.at(), window);
    }

    @DeadlineHandler(deadlineName = REMINDER)
    void remind(String handoff, CommandGateway commands) {
        send(commands, new RemindHandoff(HandoffId.of(handoff)));
    }

    @DeadlineHandler(deadlineName = ESCALATION)
    void escalate(String handoff, @Timestamp Instant due, Router router, HandoffProperties sla, CommandGateway commands,
                  DeadlineManager deadlines) {
        if (escalations >= sla.maxEscalations()) {
            send(commands, new ExpireHandoff(HandoffId.of(handoff)));
            SagaLifecycle.end();
            return;
        }
        if (assignee != null) {
            passedOver.add(assignee);
        }
        escalations++;
        Duration window = sla.slaFor(Tier.of(tier));
        assignee = router.route(ContactId.of(contactId), Tier.of(tier), passedOver).orElse(null);
        send(commands, new EscalateHandoff(HandoffId.of(handoff), assignee, due.plus(window)));
        schedule(deadlines, sla, due, window);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "contactId")
    void on(AcceptedAsSQL event, CommandGateway commands, DeadlineManager deadlines) {
        close(commands, deadlines, HandoffOutcome.ACCEPTED, null);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "contactId")
    void on(ReturnedToNurture event, CommandGateway commands, DeadlineManager deadlines) {
        close(commands, deadlines, HandoffOutcome.RETURNED, event.reason().name());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "contactId")
    void on(ContactDisqualified event, CommandGateway commands, DeadlineManager deadlines) {
        close(commands, deadlines, HandoffOutcome.CANCELLED, "DISQUALIFIED");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "contactId")
    void on(ContactErased event, CommandGateway commands, DeadlineManager deadlines) {
        close(commands, deadlines, HandoffOutcome.CANCELLED, "ERASED");
    }

    private void close(CommandGateway commands, DeadlineManager deadlines, HandoffOutcome outcome, String reason) {
        deadlines.cancelAllWithinScope(REMINDER);
        deadlines.cancelAllWithinScope(ESCALATION);
        send(commands, new CloseHandoff(HandoffId.of(handoffId), outcome, reason));
    }

    private void schedule(DeadlineManager deadlines, HandoffProperties sla, Instant from, Duration window) {
        deadlines.schedule(from.plus(sla.reminderAfter(window)), REMINDER, handoffId);
        deadlines.schedule(from.plus(window), ESCALATION, handoffId);
    }

    private static void send(CommandGateway commands, Object command) {
        OwnUnitOfWork.sendAndWait(commands, GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(Actor.META_DATA_KEY, HANDOFF_SERVICE)));
    }

    public String getContactId() {
        return contactId;
    }

    public void setContactId(String contactId) {
        this.contactId = contactId;
    }

    public String getHandoffId() {
        return handoffId;
    }

    public void setHandoffId(String handoffId) {
        this.handoffId = handoffId;
    }

    public String getTier() {
        return tier;
    }

    public void setTier(String tier) {
        this.tier = tier;
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public List<String> getPassedOver() {
        return passedOver;
    }

    public void setPassedOver(List<String> passedOver) {
        this.passedOver = passedOver;
    }

    public int getEscalations() {
        return escalations;
    }

    public void setEscalations(int escalations) {
        this.escalations = escalations;
    }
}
