package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** @param escalations how many times this handoff has been escalated, this one included */
@Revision("1")
public record HandoffEscalated(HandoffId handoffId, ContactId contactId, String from, String to, int escalations, Instant dueAt,
                               Actor actor, Instant at) implements HandoffEvent {
}
