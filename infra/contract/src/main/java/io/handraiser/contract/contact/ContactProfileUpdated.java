package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** @param changes only the fields that changed; apply with {@link Profile#merge}. */
@Revision("1")
public record ContactProfileUpdated(@DataSubject ContactId contactId, Profile changes, Actor actor, Instant at)
        implements ContactEvent {
}
