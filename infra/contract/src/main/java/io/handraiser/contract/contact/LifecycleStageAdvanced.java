package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record LifecycleStageAdvanced(ContactId contactId, Stage from, Stage to, String reason, Actor actor,
                                     Instant at) implements ContactEvent {
}
