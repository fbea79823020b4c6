package io.handraiser.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;

/**
 * Retries GETs and HEADs on every route. Built from the gateway's Retry filter, but applied here rather than as a
 * route filter: as a route filter it would make the gateway buffer every request body of the route in memory in
 * case of a retry, commands included, which are never retried.
 * <p>
 * Ordered inside the circuit breaker (a route filter), so the breaker counts one failure per client request, not
 * one per attempt.
 */
@Component
class ReadRetryFilter implements GlobalFilter, Ordered {

    private final GatewayFilter retry;

    ReadRetryFilter(RetryProperties properties) {
        RetryGatewayFilterFactory.RetryConfig config = new RetryGatewayFilterFactory.RetryConfig()
                .setRetries(properties.attempts())
                .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                .setExceptions(IOException.class)
                .setBackoff(properties.firstBackoff(), properties.firstBackoff().multipliedBy(8), 2, false);
        this.retry = new RetryGatewayFilterFactory().apply(config);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return retry.filter(exchange, chain);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
