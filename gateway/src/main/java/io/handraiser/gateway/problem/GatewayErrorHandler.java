package io.handraiser.gateway.problem;

import io.handraiser.gateway.limits.BodyTooLargeException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;

/**
 * Turns every failure that reaches the gateway's edge into problem+json: a service that is down or whose circuit is
 * open (503), one that is too slow (504), one that drops the connection (502), an oversized body (413), a path with
 * no route or endpoint (404). Anything else is a gateway bug (500), logged with the request id the caller is given.
 * <p>
 * Ordered before Boot's default handler, which would answer in its own JSON shape.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final Problems problems;

    GatewayErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        String service = service(exchange);
        if (causedBy(failure, BodyTooLargeException.class)) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                                  find(failure, BodyTooLargeException.class).getMessage());
        }
        if (failure instanceof ServiceUnavailableException || causedBy(failure, CallNotPermittedException.class)) {
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                                  service + " has been failing, so the gateway stops sending it requests for a few seconds; "
                                  + "retry later");
        }
        if (failure instanceof NoResourceFoundException) {
            return problems.write(exchange, HttpStatus.NOT_FOUND, "Not found", "no route or endpoint for "
                                  + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value());
        }
        if (failure instanceof ResponseStatusException status) {
            return statusProblem(exchange, status.getStatusCode(), status.getReason(), service);
        }
        if (causedBy(failure, ConnectException.class)) {
            log.warn("{} cannot be reached: {}", service, failure.toString());
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                                  service + " cannot be reached; retry later");
        }
        if (causedBy(failure, IOException.class)) {
            log.warn("{} dropped the connection: {}", service, failure.toString());
            return problems.write(exchange, HttpStatus.BAD_GATEWAY, "Bad gateway",
                                  service + " closed the connection without a complete answer");
        }
        log.error("Gateway failure on {} {} (request id {})", exchange.getRequest().getMethod(),
                  exchange.getRequest().getPath().value(), problems.requestId(exchange), failure);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Gateway error",
                              "the gateway failed to handle this request; quote the requestId when reporting it");
    }

    private Mono<Void> statusProblem(ServerWebExchange exchange, HttpStatusCode status, String reason, String service) {
        String call = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            log.warn("{} did not answer {} in time", service, call);
            return problems.write(exchange, status, "Gateway timeout", service + " did not answer within its time limit");
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known == null ? "Error " + status.value() : known.getReasonPhrase();
        return problems.write(exchange, status, title, reason != null ? reason : title + " for " + call);
    }

    /** The service's name from its route's metadata, for details a caller can act on without knowing addresses. */
    private static String service(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return "the service";
        }
        Object name = route.getMetadata().get("service");
        return name != null ? name.toString() : route.getId();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
