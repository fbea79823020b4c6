package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import io.handraiser.contract.shared.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ContactCaptured(@DataSubject ContactId contactId, @PersonalData Email email, Profile profile, Source source, Stage stage,
                              Actor actor, Instant at) implements ContactEvent {
}
