package io.handraiser.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * What one client may send. Exceeding a limit is refused by the gateway with problem+json before any service sees
 * the request.
 *
 * @param rate    requests per client
 * @param body    request body sizes
 * @param headers request header sizes
 * @param maxUriLength longest path plus query string, in characters (414 beyond)
 */
@ConfigurationProperties("handraiser.gateway.limits")
public record LimitProperties(@DefaultValue Rate rate, @DefaultValue Body body, @DefaultValue Headers headers,
                              @DefaultValue("2048") int maxUriLength) {

    /**
     * A token bucket per client: the token's subject, or the remote address for requests without a token.
     *
     * @param capacity        the burst a client may send at once
     * @param refillPerSecond the sustained rate
     * @param maxClients      buckets kept in memory; the least recently seen client beyond it starts afresh
     */
    public record Rate(@DefaultValue("200") int capacity, @DefaultValue("100") double refillPerSecond,
                       @DefaultValue("100000") int maxClients) {
    }

    /**
     * @param max    the largest body by default (413 beyond)
     * @param larger paths that take more: batch ingestion and imports
     */
    public record Body(@DefaultValue("1MB") DataSize max, @DefaultValue List<Allowance> larger) {
    }

    /**
     * @param paths path patterns, e.g. {@code /api/engagements/batch}
     * @param max   the largest body there
     */
    public record Allowance(List<String> paths, DataSize max) {
    }

    /**
     * Kept below the server's own limits ({@code server.max-http-request-header-size}), so that an oversized request
     * gets a problem+json 400 from here rather than a bare error from the HTTP codec.
     *
     * @param maxEach  the longest single header, name and value
     * @param maxTotal all headers together
     */
    public record Headers(@DefaultValue("8KB") DataSize maxEach, @DefaultValue("16KB") DataSize maxTotal) {
    }
}
