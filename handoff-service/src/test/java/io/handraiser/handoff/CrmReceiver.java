package io.handraiser.handoff;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CRM's webhook endpoint on a local port. It answers 200 unless a test scripted other answers for a contact
 * (the webhook body names it): a few failures first, or failure until fixed. It keeps every request it got.
 */
public final class CrmReceiver implements AutoCloseable {

    /** One request as it arrived, and what this receiver answered. */
    public record Received(String contactId, String deliveryId, String signature, String body, int answered) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();

    private CrmReceiver(HttpServer server) {
        this.server = server;
    }

    public static CrmReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            CrmReceiver receiver = new CrmReceiver(server);
            server.createContext("/crm/webhook", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crm/webhook";
    }

    /** Answers the contact's next deliveries with these statuses, then 200 again. */
    public void answerFirst(String contactId, Integer... statuses) {
        scripted.put(contactId, new ArrayDeque<>(List.of(statuses)));
    }

    /** Answers 500 to the contact's deliveries until {@link #fix(String)}. */
    public void breakFor(String contactId) {
        broken.add(contactId);
    }

    public void fix(String contactId) {
        broken.remove(contactId);
    }

    public List<Received> receivedFor(String contactId) {
        return received.stream().filter(request -> contactId.equals(request.contactId())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contactId = JSON.readTree(body).path("contact").path("id").asText();
        Deque<Integer> script = scripted.get(contactId);
        Integer next = script == null ? null : script.poll();
        int status = broken.contains(contactId) ? 500 : next != null ? next : 200;
        received.add(new Received(contactId, exchange.getRequestHeaders().getFirst("X-Handraiser-Delivery"),
                                  exchange.getRequestHeaders().getFirst("X-Handraiser-Signature"), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
