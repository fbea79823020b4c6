package io.handraiser.gateway.limits;

import io.handraiser.gateway.problem.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Limits each client to its token bucket on every routed request. The client is the token's subject once the token
 * has been verified (a subject read from an unverified token could be forged to spend someone else's bucket), else
 * the remote address: set {@code server.forward-headers-strategy} when a load balancer stands in front, or every
 * anonymous caller shares the balancer's address.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private final TokenBuckets buckets;
    private final Problems problems;

    RateLimitFilter(LimitProperties limits, Problems problems) {
        this.buckets = new TokenBuckets(limits.rate(), System::nanoTime);
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return client(exchange).flatMap(client -> {
            Duration wait = buckets.take(client);
            if (wait.isZero()) {
                return chain.filter(exchange);
            }
            long retryAfter = Math.max(1, (wait.toMillis() + 999) / 1000);
            return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                                  "this client sent more requests than its limit allows; retry after " + retryAfter + " s",
                                  headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
        });
    }

    private static Mono<String> client(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                       .filter(principal -> principal instanceof Authentication authentication
                                            && authentication.isAuthenticated()
                                            && !(authentication instanceof AnonymousAuthenticationToken))
                       .map(principal -> "subject:" + principal.getName())
                       .switchIfEmpty(Mono.fromSupplier(() -> "address:" + remoteAddress(exchange)));
    }

    private static String remoteAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** First among the gateway's filters: a refused request costs nothing further. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
