package io.handraiser.gateway.limits;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.handraiser.gateway.correlation.RequestIdFilter;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Answers with problem+json the requests that never reach a Spring filter: those the HTTP codec cannot decode (a
 * request line or headers beyond {@code server.netty.max-initial-line-length} and
 * {@code server.max-http-request-header-size}, a control character in a header) and those whose target is no URI at
 * all (a stray {@code %}, {@code |}, {@code {} or space), which Spring's adapter refuses with an empty 400 before any
 * filter runs. Without this, both get a bare status from the server and no request id.
 * <p>
 * Sits in each connection's pipeline just before Reactor Netty's own request handling, answers, and closes the
 * connection: after a request that could not be read, where the next one starts cannot be trusted.
 */
@Component
class UnreadableRequests implements NettyServerCustomizer {

    private static final String HANDLER = "handraiser.unreadableRequests";
    private static final int MAX_ECHO = 200;

    private final JsonMapper json;

    UnreadableRequests(JsonMapper json) {
        this.json = json;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, HANDLER, new Refusal(json));
            }
        });
    }

    /** Why a request cannot be served, as its problem says it; null when it can be. */
    private static Problem problem(HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            Throwable cause = decoded.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Problem(HttpResponseStatus.REQUEST_URI_TOO_LONG, "URI too long", "the request line is too long: " + cause.getMessage());
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Problem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request header fields too large",
                                   "the request headers are too large: " + cause.getMessage());
            }
            return new Problem(HttpResponseStatus.BAD_REQUEST, "Malformed request", "the request cannot be read as HTTP: " + cause.getMessage());
        }
        try {
            new URI("http://localhost" + originForm(request.uri()));
            return null;
        } catch (URISyntaxException invalid) {
            return new Problem(HttpResponseStatus.BAD_REQUEST, "Malformed request",
                               "the request target is not a URI: " + invalid.getReason() + " at index " + invalid.getIndex()
                               + "; percent-encode every character outside RFC 3986");
        }
    }

    /** The path and query of a target in absolute form ({@code http://host/path}), as Spring reads it; others as they are. */
    private static String originForm(String target) {
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.indexOf('/') > scheme) {
            int path = target.indexOf('/', scheme + 3);
            return path < 0 ? "" : target.substring(path);
        }
        return target;
    }

    private record Problem(HttpResponseStatus status, String title, String detail) {
    }

    /** One per connection: after a refusal it drops whatever else the client sends until the connection is closed. */
    private static final class Refusal extends ChannelInboundHandlerAdapter {

        private final JsonMapper json;
        private boolean refused;

        Refusal(JsonMapper json) {
            this.json = json;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (refused) {
                ReferenceCountUtil.release(message);
                return;
            }
            if (message instanceof HttpRequest request) {
                Problem problem = problem(request);
                if (problem != null) {
                    refused = true;
                    String instance = request.decoderResult().isFailure() ? null : request.uri();
                    ReferenceCountUtil.release(message);
                    context.writeAndFlush(response(problem, instance)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            context.fireChannelRead(message);
        }

        private FullHttpResponse response(Problem problem, String instance) {
            // The caller's request id cannot be trusted from a request that could not be read: a new one, as for any
            // malformed id.
            String requestId = UUID.randomUUID().toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", problem.title());
            body.put("status", problem.status().code());
            body.put("detail", problem.detail());
            if (instance != null) {
                body.put("instance", instance.length() <= MAX_ECHO ? instance : instance.substring(0, MAX_ECHO) + "...");
            }
            body.put("requestId", requestId);
            byte[] bytes = json.writeValueAsBytes(body);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, problem.status(), Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(RequestIdFilter.HEADER, requestId);
            return response;
        }
    }
}
