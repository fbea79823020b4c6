package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ContactDisqualified(ContactId contactId, DisqualificationReason reason, String note,
                                  Actor actor, Instant at) implements ContactEvent {
}
