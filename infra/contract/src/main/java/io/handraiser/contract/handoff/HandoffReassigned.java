package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A person claimed or reassigned the handoff. */
@Revision("1")
public record HandoffReassigned(HandoffId handoffId, ContactId contactId, String from, String to, Actor actor, Instant at)
        implements HandoffEvent {
}
