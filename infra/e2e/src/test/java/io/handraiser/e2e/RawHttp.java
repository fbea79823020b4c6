package io.handraiser.e2e;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request, sending exactly the bytes it is given: request targets
 * that {@code java.net.http} refuses or normalises ({@code ..}, {@code %00}, raw non-ASCII), any method, and bodies
 * that are not valid UTF-8. Reads the whole answer, chunked or not.
 */
final class RawHttp {

    /** Above the gateway's own response timeout (10 s, a minute for batches), so that a slow service shows as its 504. */
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    /** @param headers names in lower case */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;

    RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /**
     * @param target  the request target as it goes on the wire (encoded by the caller, or deliberately not)
     * @param headers besides Host, Connection and Content-Length, which are set here
     * @param body    null for none
     */
    Response send(String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder lines = new StringBuilder("Host: " + host + ":" + port + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                lines.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.writeBytes(lines.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            try {
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // The server refused before reading everything (413, 400) and closed; its answer may be waiting.
            }
            return read(socket.getInputStream(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviated(target), e);
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + abbreviated(statusLine));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                          (first, second) -> first + ", " + second);
        }
        byte[] body;
        if (head || status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: none of ours carry meaning
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static String abbreviated(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "... (" + text.length() + " characters)";
    }
}
