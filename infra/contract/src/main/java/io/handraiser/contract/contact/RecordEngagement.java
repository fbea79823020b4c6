package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Records what a contact did. {@code engagementId} is the source system's id for it: sending the
 * same engagement again records nothing, so sources may retry freely.
 */
public record RecordEngagement(@TargetAggregateIdentifier ContactId contactId, String engagementId,
                               EngagementType type, Instant occurredAt, EngagementDetail detail,
                               Source source) implements ContactCommand {

    public RecordEngagement {
        Objects.requireNonNull(contactId, "contactId");
        Text.requireNonBlank(engagementId, "engagementId");
        Text.requireMaxLength(engagementId, 200, "engagementId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        detail = detail == null ? EngagementDetail.none() : detail;
        type.checkDetail(detail);
    }
}
