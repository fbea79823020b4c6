package io.handraiser.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Retries of reads. Only GET and HEAD are retried: they change nothing, so a second attempt cannot record anything
 * twice. Commands are never retried by the gateway; the client decides, with the idempotency keys the API offers.
 *
 * @param attempts     retries after the first attempt, on a refused or dropped connection or a 502/503/504 answer
 *                     (not on a response timeout: a slow service would only get slower)
 * @param firstBackoff the wait before the first retry; it doubles for each further one
 */
@ConfigurationProperties("handraiser.gateway.retry")
public record RetryProperties(@DefaultValue("2") int attempts, @DefaultValue("50ms") Duration firstBackoff) {
}
