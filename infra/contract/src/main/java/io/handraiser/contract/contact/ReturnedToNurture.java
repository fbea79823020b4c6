package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import io.handraiser.contract.shared.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** @param from MQL or SQL; the contact is a LEAD again */
@Revision("1")
public record ReturnedToNurture(@DataSubject ContactId contactId, Stage from, ReturnReason reason, @PersonalData String note,
                                Actor actor, Instant at) implements ContactEvent {
}
