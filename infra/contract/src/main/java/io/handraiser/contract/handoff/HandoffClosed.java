package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * The handoff ended because of what happened to its contact.
 *
 * @param openFor   from opening to closing: the time to accept, for ACCEPTED
 * @param withinSla whether it closed before its due time
 */
@Revision("1")
public record HandoffClosed(HandoffId handoffId, ContactId contactId, HandoffOutcome outcome, String reason, String assignee,
                            Duration openFor, boolean withinSla, Actor actor, Instant at) implements HandoffEvent {
}
