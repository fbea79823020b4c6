package io.handraiser.gateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Calls the gateway over HTTP as a client would. */
final class GatewayCalls {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    GatewayCalls(int port) {
        this.port = port;
    }

    HttpResponse<String> send(String method, String pathAndQuery, String authorization) {
        return send(method, pathAndQuery, authorization, Map.of(), "{}");
    }

    HttpResponse<String> send(String method, String pathAndQuery, String authorization, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                                                 .timeout(Duration.ofSeconds(30));
        boolean withBody = !method.equals("GET") && !method.equals("DELETE") && !method.equals("HEAD");
        request.method(method, withBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        if (withBody) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return exchange(request.build());
    }

    HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /**
     * Sends the request line exactly as written, for paths an HTTP client library would normalise or refuse to send.
     * Answers the status code and the body.
     */
    RawResponse raw(String requestTarget, Map<String, String> headers) {
        return raw("GET", requestTarget, headers);
    }

    /** The same with any method, also one no HTTP client library would send. */
    RawResponse raw(String method, String requestTarget, Map<String, String> headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + requestTarget + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                                      + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new RawResponse(status, response.substring(0, bodyStart), response.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record RawResponse(int status, String head, String body) {
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
