package io.handraiser.contract.contact;

import io.handraiser.contract.catalogue.CustomValues;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * @param occurredAt when the contact did it, as the source reports; scoring decays from this
 * @param at         when Handraiser recorded it
 * @param attributes the attributes its (custom) type declares, name to text, never personal data; empty if none and
 *                   in events stored before attributes existed
 * @param value      the numeric value of a type registered with one, in that type's unit; null otherwise
 */
@Revision("1")
public record EngagementRecorded(@DataSubject ContactId contactId, String engagementId, EngagementType type, Instant occurredAt,
                                 EngagementDetail detail, Source source, Actor actor, Instant at,
                                 Map<String, String> attributes, BigDecimal value)
        implements ContactEvent {

    public EngagementRecorded {
        attributes = CustomValues.stored(attributes);
    }

    /** An engagement without attributes or value, as every built-in type is. */
    public EngagementRecorded(ContactId contactId, String engagementId, EngagementType type, Instant occurredAt,
                              EngagementDetail detail, Source source, Actor actor, Instant at) {
        this(contactId, engagementId, type, occurredAt, detail, source, actor, at, Map.of(), null);
    }
}
