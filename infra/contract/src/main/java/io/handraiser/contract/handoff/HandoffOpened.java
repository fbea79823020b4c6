package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An MQL went to sales: to {@code assignee}, or to the unassigned queue when null. */
@Revision("1")
public record HandoffOpened(HandoffId handoffId, ContactId contactId, Tier tier, Evidence evidence, String assignee,
                            Instant dueAt, Actor actor, Instant at) implements HandoffEvent {
}
