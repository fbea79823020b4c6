package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record LifecycleStageAdvanced(@DataSubject ContactId contactId, Stage from, Stage to, String reason, Actor actor,
                                     Instant at) implements ContactEvent {
}
