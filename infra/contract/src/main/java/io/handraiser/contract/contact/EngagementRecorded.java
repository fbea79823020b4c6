package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * @param occurredAt when the contact did it, as the source reports; scoring decays from this
 * @param at         when Handraiser recorded it
 */
@Revision("1")
public record EngagementRecorded(@DataSubject ContactId contactId, String engagementId, EngagementType type, Instant occurredAt,
                                 EngagementDetail detail, Source source, Actor actor, Instant at)
        implements ContactEvent {
}
