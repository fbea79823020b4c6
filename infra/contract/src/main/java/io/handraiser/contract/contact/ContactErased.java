package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact's personal data is gone for good: its key is destroyed, so every {@link
 * io.handraiser.contract.shared.PersonalData} value of its events reads as {@code null} from now on. Read models
 * drop what they copied; the contact's stages and counts stay, anonymous.
 */
@Revision("1")
public record ContactErased(@DataSubject ContactId contactId, Actor actor, Instant at) implements ContactEvent {
}
