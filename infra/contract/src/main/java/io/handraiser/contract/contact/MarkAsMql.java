package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Marks a contact marketing qualified, by a person's decision or the scoring model's. */
public record MarkAsMql(@TargetAggregateIdentifier ContactId contactId, Tier tier, String reason,
                        Evidence evidence) implements ContactCommand {

    public MarkAsMql {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(tier, "tier");
        Text.requireNonBlank(reason, "reason");
        Text.requireMaxLength(reason, 1000, "reason");
        evidence = evidence == null ? Evidence.none() : evidence;
    }
}
