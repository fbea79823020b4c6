package io.handraiser.scoring;

import io.handraiser.testsupport.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A service's API as a client sees it: JSON over HTTP with a bearer token per role. */
public final class Api {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> post(String path, String role, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json)), role);
    }

    public HttpResponse<String> get(String path, String role) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), role);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String role) {
        request.header("Content-Type", "application/json");
        if (role != null) {
            request.header("Authorization", TestTokens.bearer(role + "-user", role));
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
