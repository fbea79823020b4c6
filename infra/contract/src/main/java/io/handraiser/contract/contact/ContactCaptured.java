package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ContactCaptured(ContactId contactId, Email email, Profile profile, Source source, Stage stage,
                              Actor actor, Instant at) implements ContactEvent {
}
