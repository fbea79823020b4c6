package io.handraiser.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A server-sent-events client as a browser's EventSource reads the wire: {@code id:}, {@code event:} and
 * {@code data:} lines make an event, a blank line dispatches it, a line starting with {@code :} is a comment.
 * A reader thread collects what arrives; tests await it.
 */
public final class EventStream implements AutoCloseable {

    /** @param receivedAt {@link System#nanoTime()} when the event was dispatched */
    public record Event(String id, String name, String data, long receivedAt) {
    }

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
    }

    static EventStream open(HttpClient http, HttpRequest request) {
        try {
            EventStream stream = new EventStream(http.send(request, HttpResponse.BodyHandlers.ofLines()));
            Thread reader = new Thread(stream::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public int comments() {
        return comments.get();
    }

    private void read() {
        String[] pending = new String[3];
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty() || pending[1] != null) {
                        events.add(new Event(pending[0], pending[1], data.toString(), System.nanoTime()));
                    }
                    pending[0] = null;
                    pending[1] = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> pending[0] = value;
                        case "event" -> pending[1] = value;
                        case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                        default -> {
                            // other fields (retry) do not matter to these tests
                        }
                    }
                }
            });
        } catch (UncheckedIOException | IllegalStateException closed) {
            // the test closed the stream, or the server ended it: nothing more will arrive
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
