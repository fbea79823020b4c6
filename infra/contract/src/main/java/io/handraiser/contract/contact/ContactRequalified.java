package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ContactRequalified(@DataSubject ContactId contactId, String reason, Actor actor, Instant at) implements ContactEvent {
}
