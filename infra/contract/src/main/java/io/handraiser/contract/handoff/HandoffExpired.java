package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Nobody worked the handoff through every escalation. contact-service's policy returns the contact to nurture
 * with reason SLA_EXPIRED.
 */
@Revision("1")
public record HandoffExpired(HandoffId handoffId, ContactId contactId, String lastAssignee, int escalations, Actor actor, Instant at)
        implements HandoffEvent {
}
