package io.handraiser.gateway.limits;

import io.handraiser.gateway.problem.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps request bodies per path. A declared Content-Length over the limit is refused before a byte is read; a body
 * without one (chunked) is counted as it streams to the service and cut off where it passes the limit, so a client
 * cannot slip past the check by not declaring a length.
 */
@Component
class BodySizeFilter implements GlobalFilter, Ordered {

    private final long defaultMax;
    private final List<Limit> larger;
    private final Problems problems;

    BodySizeFilter(LimitProperties limits, Problems problems) {
        this.defaultMax = limits.body().max().toBytes();
        this.larger = limits.body().larger().stream()
                            .flatMap(allowance -> allowance.paths().stream()
                                                           .map(path -> new Limit(PathPatternParser.defaultInstance.parse(path),
                                                                                  allowance.max().toBytes())))
                            .toList();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long max = limitFor(exchange.getRequest().getPath().pathWithinApplication());
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > max) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                                  "the request body is " + declared + " bytes; " + exchange.getRequest().getPath().value()
                                  + " accepts at most " + max);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(counting(exchange.getRequest(), max)).build());
    }

    private long limitFor(PathContainer path) {
        return larger.stream().filter(limit -> limit.path().matches(path)).mapToLong(Limit::max).findFirst().orElse(defaultMax);
    }

    private static ServerHttpRequest counting(ServerHttpRequest request, long max) {
        AtomicLong seen = new AtomicLong();
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        throw new BodyTooLargeException(max);
                    }
                    return buffer;
                });
            }
        };
    }

    /** Right after the rate limit, before any filter reads or caches the body. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    private record Limit(PathPattern path, long max) {
    }
}
