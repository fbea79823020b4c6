package io.handraiser.contract.contact;

import io.handraiser.contract.catalogue.CustomValues;
import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Records what a contact did. {@code engagementId} is the source system's id for it: sending the
 * same engagement again records nothing, so sources may retry freely.
 *
 * @param attributes the attributes a custom activity type declares, name to text; empty if none. Whether the type is
 *                   registered and declares them is contact-service's check against its activity catalogue
 * @param value      the numeric value of a type registered with one (seconds on site, seats); null otherwise
 */
public record RecordEngagement(@TargetAggregateIdentifier ContactId contactId, String engagementId,
                               EngagementType type, Instant occurredAt, EngagementDetail detail,
                               Source source, Map<String, String> attributes, BigDecimal value) implements ContactCommand {

    public RecordEngagement {
        Objects.requireNonNull(contactId, "contactId");
        Text.requireNonBlank(engagementId, "engagementId");
        Text.requireMaxLength(engagementId, 200, "engagementId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        detail = detail == null ? EngagementDetail.none() : detail;
        type.checkDetail(detail);
        attributes = CustomValues.copy(attributes, "attributes", false);
    }

    /** An engagement without attributes or value, as every built-in type is. */
    public RecordEngagement(ContactId contactId, String engagementId, EngagementType type, Instant occurredAt,
                            EngagementDetail detail, Source source) {
        this(contactId, engagementId, type, occurredAt, detail, source, Map.of(), null);
    }
}
