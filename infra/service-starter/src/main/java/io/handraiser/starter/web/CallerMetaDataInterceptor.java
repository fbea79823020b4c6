package io.handraiser.starter.web;

import io.handraiser.contract.shared.Actor;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command sent on behalf of an HTTP caller with who the caller is (the token's subject) and the
 * request's correlation id. Commands a policy or saga sends name their system actor themselves and keep it.
 */
public class CallerMetaDataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> additions = new HashMap<>();
            if (!command.getMetaData().containsKey(Actor.META_DATA_KEY)) {
                Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                if (caller != null && caller.isAuthenticated() && caller.getName() != null) {
                    additions.put(Actor.META_DATA_KEY, Actor.person(caller.getName()));
                }
            }
            String requestId = MDC.get(EventLogAutoConfiguration.REQUEST_ID);
            if (requestId != null && !command.getMetaData().containsKey(EventLogAutoConfiguration.REQUEST_ID)) {
                additions.put(EventLogAutoConfiguration.REQUEST_ID, requestId);
            }
            return additions.isEmpty() ? command : command.andMetaData(additions);
        };
    }
}
