package io.handraiser.starter.eventlog;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command only when it lost an optimistic-concurrency race on its aggregate (another instance
 * appended first): run again, it loads the winner's events and decides anew. A lost race to create an aggregate
 * is final: the aggregate exists, and creating it again would lose again. Axon's interval scheduler retries
 * every failure that is not marked non-transient, which would repeat every refused transition and every unknown
 * contact several times before answering.
 */
public final class ConcurrencyRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final Duration interval;

    public ConcurrencyRetryScheduler(ScheduledExecutorService executor, int maxRetries, Duration interval) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.interval = interval;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!causedByConcurrency(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        executor.schedule(commandDispatch, interval.toMillis() * failures.size(), TimeUnit.MILLISECONDS);
        return true;
    }

    private static boolean causedByConcurrency(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return false;
            }
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
