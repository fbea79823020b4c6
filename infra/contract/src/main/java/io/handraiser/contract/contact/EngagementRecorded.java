package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * @param occurredAt when the contact did it, as the source reports; scoring decays from this
 * @param at         when Handraiser recorded it
 */
@Revision("1")
public record EngagementRecorded(ContactId contactId, String engagementId, EngagementType type, Instant occurredAt,
                                 EngagementDetail detail, Source source, Actor actor, Instant at)
        implements ContactEvent {
}
