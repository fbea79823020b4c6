package io.handraiser.starter.deadletter;

import io.handraiser.starter.eventlog.MongoOutage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessingException;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Parks an event a handler refused, and never one that failed only because MongoDB was away. Parked, such an event
 * would hold its whole sequence (every later event of its contact) until an operator retried it, although nothing
 * is wrong with it. Thrown on instead, it fails the processor's batch, which the processor tries again, with
 * back-off, from its last token: the event is handled once MongoDB is back, by itself.
 * <p>
 * When a retry of dead letters meets an outage, Axon keeps the letter as it was.
 */
public final class ParkRefusedEvents implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (MongoOutage.causedBy(cause)) {
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new EventProcessingException("handling event " + letter.message().getIdentifier() + " failed while MongoDB was away", cause);
        }
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }
}
