package io.handraiser.handoff.handoff;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.handoff.ClaimHandoff;
import io.handraiser.contract.handoff.CloseHandoff;
import io.handraiser.contract.handoff.EscalateHandoff;
import io.handraiser.contract.handoff.ExpireHandoff;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.handraiser.contract.handoff.HandoffReminded;
import io.handraiser.contract.handoff.OpenHandoff;
import io.handraiser.contract.handoff.ReassignHandoff;
import io.handraiser.contract.handoff.RemindHandoff;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One MQL in the hands of sales, from routing to its end. The saga drives the clock (remind, escalate, expire)
 * and the contact's fate closes it; both may repeat a command after a redelivery, so the automatic transitions
 * are idempotent: a closed handoff ignores them. What people do (claim, reassign) is refused with a rule instead.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Handoff {

    @AggregateIdentifier
    private HandoffId id;
    private ContactId contactId;
    private String assignee;
    private Instant openedAt;
    private Instant dueAt;
    private int escalations;
    private boolean ended;

    Handoff() {
    }

    @CommandHandler
    Handoff(OpenHandoff command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        apply(new HandoffOpened(command.handoffId(), command.contactId(), command.tier(), command.evidence(), command.assignee(),
                                command.dueAt(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(RemindHandoff command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (!ended) {
            apply(new HandoffReminded(id, contactId, assignee, dueAt, actor, clock.instant()));
        }
    }

    @CommandHandler
    void handle(EscalateHandoff command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (!ended) {
            apply(new HandoffEscalated(id, contactId, assignee, command.to(), escalations + 1, command.dueAt(), actor, clock.instant()));
        }
    }

    @CommandHandler
    void handle(ExpireHandoff command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (!ended) {
            apply(new HandoffExpired(id, contactId, assignee, escalations, actor, clock.instant()));
        }
    }

    @CommandHandler
    void handle(CloseHandoff command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (!ended) {
            Instant now = clock.instant();
            apply(new HandoffClosed(id, contactId, command.outcome(), command.reason(), assignee, Duration.between(openedAt, now),
                                    !now.isAfter(dueAt), actor, now));
        }
    }

    @CommandHandler
    void handle(ClaimHandoff command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkOpen();
        if (assignee != null) {
            throw new RuleViolation("claim-only-unassigned",
                                    "handoff " + id + " is assigned to " + assignee + "; ask a manager to reassign it");
        }
        apply(new HandoffReassigned(id, contactId, null, actor.id(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(ReassignHandoff command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkOpen();
        if (!command.to().equals(assignee)) {
            apply(new HandoffReassigned(id, contactId, assignee, command.to(), actor, clock.instant()));
        }
    }

    private void checkOpen() {
        if (ended) {
            throw new RuleViolation("handoff-ended", "handoff " + id + " has ended; there is nothing left to assign");
        }
    }

    @EventSourcingHandler
    void on(HandoffOpened event) {
        id = event.handoffId();
        contactId = event.contactId();
        assignee = event.assignee();
        openedAt = event.at();
        dueAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(HandoffEscalated event) {
        assignee = event.to();
        escalations = event.escalations();
        dueAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(HandoffReassigned event) {
        assignee = event.to();
    }

    @EventSourcingHandler
    void on(HandoffExpired event) {
        ended = true;
    }

    @EventSourcingHandler
    void on(HandoffClosed event) {
        ended = true;
    }
}
