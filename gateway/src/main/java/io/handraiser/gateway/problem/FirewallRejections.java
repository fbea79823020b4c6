package io.handraiser.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses requests no client of this API sends: a method other than GET, HEAD, POST, PUT,
 * PATCH, DELETE and OPTIONS (TRACE, CONNECT, made-up ones), a header name or value with characters outside its rules,
 * an odd host. Its default answer is an empty 400; this one says which rule the request broke, as problem+json like
 * every other refusal. Spring Security picks the handler up as the only bean of its type.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

    private final Problems problems;

    FirewallRejections(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "Malformed request", rejected.getMessage());
    }
}
