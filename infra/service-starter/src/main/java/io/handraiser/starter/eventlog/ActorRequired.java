package io.handraiser.starter.eventlog;

import io.handraiser.contract.shared.Actor;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Refuses a command that names no actor before any handler runs. Axon hands a handler null for missing metadata
 * even when the parameter is marked required, and an event whose actor is null is a decision nobody can audit.
 */
public class ActorRequired implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (!(command.getMetaData().get(Actor.META_DATA_KEY) instanceof Actor)) {
            throw new IllegalStateException(command.getCommandName() + " names no actor: send it with an Actor under metadata key '"
                                            + Actor.META_DATA_KEY + "'");
        }
        return chain.proceed();
    }
}
