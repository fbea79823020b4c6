package io.handraiser.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One token bucket per client, in memory: each request takes a token, tokens come back at a steady rate up to the
 * capacity. A bucket left alone long enough to be full again is the same as a new one, so it may be forgotten.
 * Each gateway instance counts on its own: behind a load balancer with n instances a client gets up to n times
 * the rate.
 */
final class TokenBuckets {

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    TokenBuckets(LimitProperties.Rate rate, LongSupplier nanoTime) {
        if (rate.capacity() < 1 || rate.refillPerSecond() <= 0) {
            throw new IllegalStateException("handraiser.gateway.limits.rate needs a capacity >= 1 and a refill-per-second > 0");
        }
        this.capacity = rate.capacity();
        this.tokensPerNano = rate.refillPerSecond() / 1e9;
        this.nanoTime = nanoTime;
        Duration untilFull = Duration.ofNanos((long) Math.ceil(capacity / tokensPerNano));
        this.buckets = Caffeine.newBuilder().maximumSize(rate.maxClients()).expireAfterAccess(untilFull).build();
    }

    /** Takes a token for the client: {@link Duration#ZERO} when it had one, else how long until it will. */
    Duration take(String client) {
        return buckets.get(client, key -> new Bucket(capacity, nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    private final class Bucket {

        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized Duration take(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
        }
    }
}
