package io.handraiser.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a service behind the gateway: records what arrived and echoes it, or answers with a set status,
 * or stalls until released, to show what the gateway does with a failing service.
 */
final class StubService implements AutoCloseable {

    /** What the gateway delivered. Header values are the first of each name, looked up case-insensitively. */
    record Received(String method, String path, String query, Headers headers, long bodyBytes) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-service");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Answer failure;
    private volatile CountDownLatch stall = new CountDownLatch(0);

    private StubService(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static StubService start(String name) {
        try {
            return new StubService(name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stub for " + name, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The next {@code times} requests are answered with {@code status} and no echo. */
    void failNext(int times, int status) {
        failure = new Answer(status, "application/json", "{\"failure\":\"set by the test\"}", Map.of());
        failuresLeft.set(times);
    }

    /** The next {@code times} requests are answered as a service answers while its database is away. */
    void databaseAwayNext(int times) {
        failure = new Answer(503, "application/problem+json",
                             "{\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"the database does not answer at the moment; "
                             + "send the request again later\"}", Map.of("Retry-After", "5"));
        failuresLeft.set(times);
    }

    /** Every request waits, unanswered, until {@link #reset()}. */
    void stall() {
        stall = new CountDownLatch(1);
    }

    void reset() {
        stall.countDown();
        failuresLeft.set(0);
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long bodyBytes;
        try (InputStream body = exchange.getRequestBody()) {
            bodyBytes = body.transferTo(OutputStream.nullOutputStream());
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                                  exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), bodyBytes));
        try {
            if (!stall.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a stalled stub was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            respond(exchange, failure);
            return;
        }
        respond(exchange, new Answer(200, "application/json", "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                                                               + "\",\"path\":\"" + exchange.getRequestURI().getRawPath() + "\"}", Map.of()));
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        stall.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
