package io.handraiser.gateway.limits;

import io.handraiser.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses requests whose path or headers no legitimate client sends, before authentication and routing look at
 * them: a path that climbs out of its route ({@code ..}), hides a separator or a dot in percent-encoding (the route
 * matches one path and the service decodes another), carries path parameters or control characters, percent-encodes
 * bytes that are not UTF-8 (in the path or the query), or has headers and URIs beyond the configured sizes. Each
 * refusal says what was wrong.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSanityFilter implements WebFilter {

    /** Encoded forms that make a path mean something else once a service decodes it. */
    private static final List<String> ENCODED_TRICKS = List.of("%2f", "%5c", "%2e", "%00", "%3b", "%25");

    private final Problems problems;
    private final LimitProperties limits;

    RequestSanityFilter(Problems problems, LimitProperties limits) {
        this.problems = problems;
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String refusal = headerProblem(exchange.getRequest());
        if (refusal == null) {
            refusal = pathProblem(exchange.getRequest().getURI().getRawPath());
        }
        String rawQuery = exchange.getRequest().getURI().getRawQuery();
        if (refusal == null && rawQuery != null && !decodesAsUtf8(rawQuery)) {
            refusal = "the query's percent-encoded bytes are not UTF-8 (an overlong or cut-off sequence, or a stray byte such as %ff)";
        }
        if (refusal != null) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "Malformed request", refusal);
        }
        int uriLength = exchange.getRequest().getURI().getRawPath().length() + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (uriLength > limits.maxUriLength()) {
            return problems.write(exchange, HttpStatus.URI_TOO_LONG, "URI too long",
                                  "the path and query are " + uriLength + " characters; the limit is " + limits.maxUriLength());
        }
        return chain.filter(exchange);
    }

    private String pathProblem(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (String trick : ENCODED_TRICKS) {
            if (lower.contains(trick)) {
                return "the path contains '" + trick + "'; encoded separators, dots, percent signs, semicolons and NUL are "
                       + "not accepted";
            }
        }
        if (rawPath.contains("\\") || rawPath.contains(";")) {
            return "the path contains a backslash or a semicolon, which no endpoint uses";
        }
        if (rawPath.contains("//")) {
            return "the path contains an empty segment ('//')";
        }
        for (String segment : rawPath.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "the path contains a '" + segment + "' segment; send the path it resolves to";
            }
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "the path contains a control character";
            }
        }
        if (!decodesAsUtf8(rawPath)) {
            return "the path's percent-encoded bytes are not UTF-8 (an overlong or cut-off sequence, or a stray byte such as %ff)";
        }
        return null;
    }

    /**
     * The services decode paths and query parameters as UTF-8, and their servlet container refuses what does not
     * decode before any handler of theirs can answer (an HTML page for a path, Boot's own error JSON for a parameter):
     * such a request stops here.
     */
    private static boolean decodesAsUtf8(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && HexFormat.isHexDigit(raw.charAt(i + 1)) && HexFormat.isHexDigit(raw.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                                  .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private String headerProblem(ServerHttpRequest request) {
        long maxEach = limits.headers().maxEach().toBytes();
        long total = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                long size = header.getKey().length() + value.length();
                if (size > maxEach) {
                    return "the header " + header.getKey() + " is " + size + " bytes; the limit per header is " + maxEach;
                }
                total += size;
            }
        }
        long maxTotal = limits.headers().maxTotal().toBytes();
        if (total > maxTotal) {
            return "the request headers total " + total + " bytes; the limit is " + maxTotal;
        }
        return null;
    }
}
