package io.handraiser.gateway.problem;

import io.handraiser.gateway.correlation.RequestIdFilter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes every refusal the gateway itself makes as RFC 9457 problem+json, shaped like the services' problems
 * (title, status, detail, instance, requestId), so a client handles one error format whoever answered.
 */
@Component
public class Problems {

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String title, String detail) {
        return write(exchange, status, title, detail, headers -> { });
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String title, String detail,
                            Consumer<HttpHeaders> extraHeaders) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        String requestId = requestId(exchange);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        byte[] body = json.writeValueAsBytes(problem);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        extraHeaders.accept(response.getHeaders());
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    public String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
    }
}
