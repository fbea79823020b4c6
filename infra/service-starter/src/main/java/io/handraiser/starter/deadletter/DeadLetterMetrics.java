package io.handraiser.starter.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code handraiser.dead.letters{group}}: the letters each processing group has parked, the figure to alert on; and
 * {@code handraiser.dead.letters.retries{group, outcome}}: what retries achieved.
 * <p>
 * The gauges share one count of all groups, taken at most once per {@code freshFor}: a scrape while MongoDB is down
 * then waits for it once, not once per group, and a scrape never floods MongoDB with counts.
 */
public class DeadLetterMetrics {

    public static final String LETTERS = "handraiser.dead.letters";
    public static final String RETRIES = "handraiser.dead.letters.retries";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final long freshForNanos;
    private Map<String, Long> counts = Map.of();
    private long countedAt;
    private boolean counted;

    public DeadLetterMetrics(DeadLetters deadLetters, MeterRegistry registry, Duration freshFor) {
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.freshForNanos = freshFor.toNanos();
    }

    /** Registers a gauge per group; call once the event processors exist. */
    public void register() {
        for (String group : deadLetters.groups()) {
            Gauge.builder(LETTERS, this, metrics -> metrics.count(group))
                 .tag("group", group)
                 .description("Events the processing group could not handle, parked in its dead-letter queue")
                 .register(registry);
        }
    }

    /** Counts the outcomes of a retry, and counts the letters again at the next scrape. */
    public synchronized void retried(DeadLetters.RetryReport report) {
        report.sequences().forEach(sequence -> registry.counter(RETRIES, "group", report.group(),
                                                                 "outcome", sequence.outcome().name().toLowerCase(Locale.ROOT))
                                                        .increment());
        counted = false;
    }

    /** Counts the letters again at the next scrape, after letters were given up. */
    public synchronized void evicted() {
        counted = false;
    }

    private synchronized double count(String group) {
        long now = System.nanoTime();
        if (!counted || now - countedAt >= freshForNanos) {
            countedAt = now;
            counted = true;
            try {
                counts = deadLetters.counts();
            } catch (RuntimeException e) {
                log.warn("Counting dead letters failed; the gauges keep the last count until the next try: {}", e.toString());
            }
        }
        Long count = counts.get(group);
        return count == null ? Double.NaN : count;
    }
}
