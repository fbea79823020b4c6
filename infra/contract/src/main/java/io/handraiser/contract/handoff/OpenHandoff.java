package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Tier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * @param assignee the rep chosen by routing, or null for the unassigned queue managers watch
 * @param dueAt    when the SLA of the tier runs out
 */
public record OpenHandoff(@TargetAggregateIdentifier HandoffId handoffId, ContactId contactId, Tier tier, Evidence evidence,
                          String assignee, Instant dueAt) implements HandoffCommand {

    public OpenHandoff {
        Objects.requireNonNull(handoffId, "handoffId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
