package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import io.handraiser.contract.shared.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record AcceptedAsSQL(@DataSubject ContactId contactId, @PersonalData String note, Actor actor, Instant at) implements ContactEvent {
}
