package io.handraiser.starter.deadletter;

import io.handraiser.starter.eventlog.MongoOutage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;

/**
 * For the handlers no dead-letter queue covers, sagas above all: a failure because MongoDB was away fails the
 * processor's batch, which the processor tries again once MongoDB answers. Axon's default logs every failure and
 * goes on, so a saga whose command failed during an outage would be stored as if the command had gone through
 * whenever MongoDB came back before the saga was. Any other failure is logged and passed over, as before.
 */
public final class RetryWhileMongoAway implements ListenerInvocationErrorHandler {

    private final LoggingErrorHandler otherwise = new LoggingErrorHandler();

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (MongoOutage.causedBy(exception)) {
            throw exception;
        }
        otherwise.onError(exception, event, eventHandler);
    }
}
