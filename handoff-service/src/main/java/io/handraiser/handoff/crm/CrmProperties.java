package io.handraiser.handoff.crm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where accepted SQLs go on to, and how hard the service tries. No url, no webhook: accepted contacts are not
 * recorded for the CRM at all, so setting a url later sends only what is accepted from then on.
 *
 * @param url            the CRM's webhook endpoint (http or https); blank or unset disables the hand-on
 * @param secret         the key of the HMAC-SHA256 signature over each body; required with a url
 * @param attempts       tries per delivery, the first included; after the last failed one it is a dead letter
 * @param baseDelay      the wait after the first failed try; it doubles after each further one
 * @param maxDelay       the longest wait between two tries
 * @param pollInterval   how often due deliveries are looked for: a delivery leaves at most this late
 * @param lease          how long one try may take before another instance may try the delivery again
 * @param connectTimeout how long connecting to the CRM may take
 * @param requestTimeout how long the CRM may take to answer one try
 */
@ConfigurationProperties("handraiser.handoff.crm")
public record CrmProperties(String url, String secret, @DefaultValue("8") int attempts, @DefaultValue("30s") Duration baseDelay,
                            @DefaultValue("1h") Duration maxDelay, @DefaultValue("1s") Duration pollInterval,
                            @DefaultValue("60s") Duration lease, @DefaultValue("5s") Duration connectTimeout,
                            @DefaultValue("10s") Duration requestTimeout) {

    private static final int MIN_SECRET_LENGTH = 16;

    public CrmProperties {
        if (url != null && !url.isBlank()) {
            URI endpoint = URI.create(url.trim());
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
                throw new IllegalArgumentException("handraiser.handoff.crm.url must be an http or https URL, got " + url);
            }
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("handraiser.handoff.crm.secret is required with a url: at least "
                                                   + MIN_SECRET_LENGTH + " characters, shared with the CRM to verify signatures");
            }
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("handraiser.handoff.crm.attempts must be at least 1");
        }
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("handraiser.handoff.crm.base-delay must be positive and max-delay at least as long");
        }
        // a try still waiting for the CRM must not be taken over and sent a second time in parallel
        if (lease.compareTo(connectTimeout.plus(requestTimeout)) <= 0) {
            throw new IllegalArgumentException("handraiser.handoff.crm.lease must be longer than connect-timeout plus request-timeout");
        }
    }

    public boolean enabled() {
        return url != null && !url.isBlank();
    }

    public URI endpoint() {
        return URI.create(url.trim());
    }

    /** The wait after failed try number {@code attempt} (1 for the first): base, 2 x base, 4 x base, ... up to max. */
    public Duration delayAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
