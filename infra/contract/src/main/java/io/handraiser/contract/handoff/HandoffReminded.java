package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record HandoffReminded(HandoffId handoffId, ContactId contactId, String assignee, Instant dueAt, Actor actor, Instant at)
        implements HandoffEvent {
}
