package io.handraiser.contact.policy;

import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnToNurture;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.OwnUnitOfWork;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * An MQL nobody in sales worked in time goes back to marketing: handoff-service states the fact, this policy turns
 * it into the contact's own decision, made by the handoff service. A contact that moved on meanwhile (accepted a
 * minute before the expiry, disqualified, erased) refuses by rule; that refusal is the right outcome, counted and
 * not retried. The command commits before the processor's token moves on ({@link OwnUnitOfWork}); a redelivery is
 * refused by the contact as already returned.
 */
@Component
@ProcessingGroup("handoff-expiry-policy")
public class HandoffExpiryPolicy {

    static final Actor HANDOFF_SERVICE = Actor.system("handoff-service", null);
    private static final Logger log = LoggerFactory.getLogger(HandoffExpiryPolicy.class);

    private final CommandGateway commands;
    private final MeterRegistry meters;

    public HandoffExpiryPolicy(CommandGateway commands, MeterRegistry meters) {
        this.commands = commands;
        this.meters = meters;
    }

    @EventHandler
    void on(HandoffExpired event) {
        try {
            OwnUnitOfWork.sendAndWait(commands, GenericCommandMessage.asCommandMessage(new ReturnToNurture(event.contactId(), ReturnReason.SLA_EXPIRED, null))
                                                      .andMetaData(Map.of(Actor.META_DATA_KEY, HANDOFF_SERVICE)));
            meters.counter("handraiser.policy.decisions", "policy", "handoff-expiry", "outcome", "returned").increment();
        } catch (RuleViolation refused) {
            log.info("Expired handoff {} left contact {} as it is: {}", event.handoffId(), event.contactId(), refused.getMessage());
            meters.counter("handraiser.policy.decisions", "policy", "handoff-expiry", "outcome", "refused-" + refused.rule()).increment();
        }
    }
}
