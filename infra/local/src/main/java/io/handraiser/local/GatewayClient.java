package io.handraiser.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JSON over HTTP to the gateway, as any API client would call it. Waits as long as a 429 asks (Retry-After), tries
 * again a few times when the gateway answers 502/503/504, the connection drops (the gateway's circuit breaker opens
 * for a while on a service that is busy on two shared cores) or a service reports a concurrent change, and fails with the problem's detail on anything else it
 * was not told to expect.
 */
final class GatewayClient {

    /** Longer than the gateway's 60 s for the batch route, so the gateway times out first and says so. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final int TRANSIENT_ATTEMPTS = 6;
    private static final Duration RATE_LIMIT_PATIENCE = Duration.ofMinutes(5);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    GatewayClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    record Reply(int status, JsonNode body) {
    }

    /** A request that got an answer the loader cannot go on from. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }

        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    JsonNode get(String path, String token) {
        return send("GET", path, token, null, Set.of(200)).body();
    }

    Reply post(String path, String token, Object body, Set<Integer> expected) {
        return send("POST", path, token, body, expected);
    }

    Reply put(String path, String token, Object body) {
        return send("PUT", path, token, body, Set.of(200));
    }

    private Reply send(String method, String path, String token, Object body, Set<Integer> expected) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                                         .header("Authorization", "Bearer " + token)
                                         .header("Content-Type", "application/json")
                                         .header("Accept", "application/json")
                                         .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                                      : HttpRequest.BodyPublishers.ofString(write(body)))
                                         .build();
        String call = method + " " + path;
        long rateLimitedUntil = System.nanoTime() + RATE_LIMIT_PATIENCE.toNanos();
        int transientFailures = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException dropped) {
                transientFailures = pauseAfterTransient(call, ++transientFailures, dropped.toString());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed(call + " was interrupted", e);
            }
            int status = response.statusCode();
            if (expected.contains(status)) {
                return new Reply(status, read(call, response.body()));
            }
            if (status == 429 && System.nanoTime() < rateLimitedUntil) {
                pause(retryAfter(response));
            } else if (status == 502 || status == 503 || status == 504 || isConcurrentChange(status, response.body())) {
                transientFailures = pauseAfterTransient(call, ++transientFailures, status + " " + detail(response.body()));
            } else {
                throw new Failed(call + " answered " + status + ": " + detail(response.body()));
            }
        }
    }

    /** The service's own word for a conflict with a concurrent writer (scoring marking the same contact): send it again. */
    private boolean isConcurrentChange(int status, String body) {
        if (status != 409) {
            return false;
        }
        try {
            JsonNode problem = json.readTree(body);
            return problem != null && "concurrent-modification".equals(problem.path("rule").asText());
        } catch (JsonProcessingException notAProblem) {
            return false;
        }
    }

    private static int pauseAfterTransient(String call, int failures, String what) {
        if (failures >= TRANSIENT_ATTEMPTS) {
            throw new Failed(call + " failed " + failures + " times, last: " + what);
        }
        pause(Duration.ofSeconds(1L << (failures - 1)));
        return failures;
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim())));
            } catch (NumberFormatException httpDate) {
                return Duration.ofSeconds(1);
            }
        }).orElse(Duration.ofSeconds(1));
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while waiting to retry", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    private JsonNode read(String call, String body) {
        if (body == null || body.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Failed(call + " answered something that is not JSON: " + abbreviate(body), e);
        }
    }

    /** The problem's detail (and the rule of a 409) when the answer is a problem document, else the start of the body. */
    private String detail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                String rule = problem.hasNonNull("rule") ? " (rule " + problem.get("rule").asText() + ")" : "";
                String errors = problem.has("errors") ? " " + problem.get("errors") : "";
                return problem.get("detail").asText() + rule + errors;
            }
        } catch (JsonProcessingException notJson) {
            // fall through to the raw body: a proxy's error page says something too
        }
        return abbreviate(body);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
