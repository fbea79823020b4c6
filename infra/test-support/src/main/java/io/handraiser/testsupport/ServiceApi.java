package io.handraiser.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A service's API as a client sees it: JSON over HTTP with a bearer token for a role, signed for the subject
 * {@code <role>-user} unless a test names one. HTTP/1.1, as the services' clients speak it, so no request tries an
 * upgrade first. A null role sends no token.
 */
public class ServiceApi {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public ServiceApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path, String role) {
        return get(path, role, role + "-user");
    }

    public HttpResponse<String> get(String path, String role, String subject) {
        return send(request(path).GET(), role, subject);
    }

    public HttpResponse<String> post(String path, String role) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()), role, role + "-user");
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

    public HttpResponse<String> patch(String path, String role, String json) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json)), role, role + "-user");
    }

    public HttpResponse<String> delete(String path, String role) {
        return send(request(path).DELETE(), role, role + "-user");
    }

    /** A request to {@code path} carrying a token for {@code role} and {@code subject}, for what the methods above do not cover. */
    protected HttpRequest.Builder authorized(String path, String role, String subject) {
        HttpRequest.Builder request = request(path);
        if (role != null) {
            request.header("Authorization", TestTokens.bearer(subject, role));
        }
        return request;
    }

    protected HttpClient http() {
        return http;
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
