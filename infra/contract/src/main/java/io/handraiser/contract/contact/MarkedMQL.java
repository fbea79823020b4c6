package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact raised its hand. {@code actor} is the person who decided, or the system with the
 * scoring model version whose rules {@code evidence} lists.
 *
 * @param from the stage the contact left (SUBSCRIBER or LEAD)
 */
@Revision("1")
public record MarkedMQL(@DataSubject ContactId contactId, Stage from, Tier tier, String reason, Evidence evidence,
                        Actor actor, Instant at) implements ContactEvent {
}
