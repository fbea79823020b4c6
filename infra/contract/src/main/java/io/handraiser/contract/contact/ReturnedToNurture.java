package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** @param from MQL or SQL; the contact is a LEAD again */
@Revision("1")
public record ReturnedToNurture(ContactId contactId, Stage from, ReturnReason reason, String note,
                                Actor actor, Instant at) implements ContactEvent {
}
