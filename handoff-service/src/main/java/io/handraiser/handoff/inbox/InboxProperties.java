package io.handraiser.handoff.inbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The inbox stream ({@code GET /api/inbox/stream}).
 *
 * @param heartbeat     how often an idle stream carries a comment line, so proxies and load balancers that close
 *                      quiet connections keep it open, and a client that went away is noticed and let go
 * @param streamTimeout how long one stream lasts before the service ends it; the client reconnects (EventSource
 *                      does on its own), which rebalances long-lived connections across instances
 * @param projectionWait how long a change on the log may wait for the inbox read model to show it before it is
 *                      given up (logged); only a stalled projection takes that long
 */
@ConfigurationProperties("handraiser.handoff.inbox")
public record InboxProperties(@DefaultValue("5s") Duration heartbeat, @DefaultValue("30m") Duration streamTimeout,
                              @DefaultValue("30s") Duration projectionWait) {

    public InboxProperties {
        if (heartbeat.isZero() || heartbeat.isNegative() || streamTimeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("handraiser.handoff.inbox.heartbeat must be positive and shorter than stream-timeout");
        }
    }
}
