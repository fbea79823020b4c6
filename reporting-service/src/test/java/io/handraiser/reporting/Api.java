package io.handraiser.reporting;

import io.handraiser.testsupport.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The reporting API as a client sees it: HTTP with a bearer token per role. */
final class Api {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    Api(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path, String role) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), role);
    }

    HttpResponse<String> post(String path, String role) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()), role);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String role) {
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
