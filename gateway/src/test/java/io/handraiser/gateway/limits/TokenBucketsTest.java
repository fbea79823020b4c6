package io.handraiser.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong();
    private final TokenBuckets buckets = new TokenBuckets(new LimitProperties.Rate(2, 4, 100), now::get);

    @Test
    void clientMaySpendItsBurstAtOnce() {
        assertThat(buckets.take("ana")).isZero();
        assertThat(buckets.take("ana")).isZero();
        assertThat(buckets.take("ana")).isPositive();
    }

    @Test
    void emptyBucketSaysWhenTheNextTokenComes() {
        buckets.take("ana");
        buckets.take("ana");

        assertThat(buckets.take("ana")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void tokensComeBackAtTheRefillRateUpToTheCapacity() {
        buckets.take("ana");
        buckets.take("ana");

        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(buckets.take("ana")).isZero();
        assertThat(buckets.take("ana")).isPositive();

        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(List.of(buckets.take("ana"), buckets.take("ana"), buckets.take("ana")))
                .containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofMillis(250));
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        buckets.take("ana");
        buckets.take("ana");

        assertThat(buckets.take("bo")).isZero();
    }

    @Test
    void refusesALimitThatWouldStopEveryone() {
        assertThatThrownBy(() -> new TokenBuckets(new LimitProperties.Rate(0, 1, 100), now::get))
                .isInstanceOf(IllegalStateException.class);
    }
}
