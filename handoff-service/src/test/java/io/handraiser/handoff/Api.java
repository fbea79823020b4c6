package io.handraiser.handoff;

import io.handraiser.testsupport.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A service's API as a client sees it: JSON over HTTP with a bearer token for a subject and a role. */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path, String role) {
        return get(path, role, role + "-user");
    }

    public HttpResponse<String> get(String path, String role, String subject) {
        return send(request(path).GET(), role, subject);
    }

    public HttpResponse<String> post(String path, String role, String json) {
        return post(path, role, role + "-user", json);
    }

    public HttpResponse<String> post(String path, String role, String subject, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)), role, subject);
    }

    public HttpResponse<String> put(String path, String role, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)), role, role + "-user");
    }

    /** Opens a server-sent-events stream and returns once the response's headers are in. */
    public EventStream stream(String path, String role, String subject) {
        HttpRequest.Builder request = request(path).GET().header("Accept", "text/event-stream");
        if (role != null) {
            request.header("Authorization", TestTokens.bearer(subject, role));
        }
        return EventStream.open(http, request.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String role, String subject) {
        request.header("Content-Type", "application/json");
        if (role != null) {
            request.header("Authorization", TestTokens.bearer(subject, role));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
