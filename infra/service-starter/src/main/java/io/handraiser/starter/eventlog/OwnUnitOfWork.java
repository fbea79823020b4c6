package io.handraiser.starter.eventlog;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sends a command from an event handler (a policy, a saga, a deadline) so that it commits as its own root unit of
 * work: when {@link #sendAndWait} returns, the command's events are in the log.
 * <p>
 * Sent plainly from inside a processor's unit of work, the command's unit of work nests under it, and its events
 * are appended only in the processor's prepare-commit, after the processor has stored its token (and after
 * whatever the handler wrote on its own, such as a handled marker). A crash or a failed append in between loses
 * the command's events, and the token says the fact that caused them was dealt with. Committed first, a failed
 * append fails the handler, and the processor tries the event again from the token it still has; a crash after the
 * command but before the token means the event comes again, so what sends through here must be idempotent.
 * <p>
 * The command message must be built before the call, inside the handler's unit of work, so that it carries that
 * unit of work's correlation data (request id, trace, causation).
 */
public final class OwnUnitOfWork {

    private OwnUnitOfWork() {
    }

    public static <R> R sendAndWait(CommandGateway commands, CommandMessage<?> command) {
        Deque<UnitOfWork<?>> suspended = new ArrayDeque<>();
        while (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> current = CurrentUnitOfWork.get();
            CurrentUnitOfWork.clear(current);
            suspended.push(current);
        }
        try {
            return commands.sendAndWait(command);
        } finally {
            while (!suspended.isEmpty()) {
                CurrentUnitOfWork.set(suspended.pop());
            }
        }
    }
}
