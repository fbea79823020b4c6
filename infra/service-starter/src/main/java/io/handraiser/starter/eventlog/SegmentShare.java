package io.handraiser.starter.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Splits each event processor's segments evenly between the live instances of one service.
 * <p>
 * Axon's pooled streaming processor claims every segment nobody holds, so the instance that starts first takes all
 * of them and every instance started later idles: scaling out would add nothing. Axon re-reads the most segments an
 * instance may hold on every coordination round and releases what is above it, so answering "segments divided by
 * live instances, rounded up" is enough for work to spread when an instance joins and to be taken over when one
 * leaves. Instances count each other by heartbeats in the service's own database; one that stops cleanly removes
 * its heartbeat at once, one that dies is counted until {@code instanceTimeout} has passed, and its segments' claims
 * time out in the token store meanwhile.
 */
public final class SegmentShare implements MaxSegmentProvider, AutoCloseable {

    static final String COLLECTION = "processing_instances";

    private static final Logger log = LoggerFactory.getLogger(SegmentShare.class);

    private final MongoCollection<Document> instances;
    private final TokenStore tokenStore;
    private final Clock clock;
    private final Duration instanceTimeout;
    private final String instanceId;
    private final Duration heartbeatInterval;
    private final ScheduledExecutorService heartbeat;
    private final Map<String, Integer> segmentsByProcessor = new ConcurrentHashMap<>();
    private volatile int liveInstances = 1;
    private volatile boolean unreachable;

    /**
     * @param instanceId this instance's name among the service's instances; {@link #processName()} in production,
     *                   the name Axon's token store records as a segment's owner, so both can be read side by side
     */
    public SegmentShare(MongoDatabase serviceDatabase, TokenStore tokenStore, Clock clock, String instanceId,
                        Duration heartbeatInterval, Duration instanceTimeout, MeterRegistry meterRegistry) {
        this.instances = serviceDatabase.getCollection(COLLECTION);
        this.tokenStore = tokenStore;
        this.clock = clock;
        this.instanceId = instanceId;
        this.heartbeatInterval = heartbeatInterval;
        this.instanceTimeout = instanceTimeout;
        Gauge.builder("handraiser.processing.instances", () -> liveInstances)
             .description("Live instances of this service sharing its event processors' segments")
             .register(meterRegistry);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-share");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static String processName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    public void start() {
        heartbeat.scheduleWithFixedDelay(this::beat, 0, heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Only figures read by the last heartbeat: Axon asks on every coordination round, which must not wait on the
     * database. Until a processor's segments are known (its tokens are created after this is first asked) there is
     * nothing to share, and the limit is none.
     */
    @Override
    public int getMaxSegments(String processor) {
        Integer segments = segmentsByProcessor.putIfAbsent(processor, 0);
        if (segments == null || segments == 0) {
            return Short.MAX_VALUE;
        }
        return Math.max(1, (segments + liveInstances - 1) / liveInstances);
    }

    int liveInstances() {
        return liveInstances;
    }

    void beat() {
        try {
            Instant now = clock.instant();
            instances.updateOne(Filters.eq("_id", instanceId),
                                Updates.combine(Updates.set("heartbeatAt", Date.from(now)),
                                                Updates.setOnInsert("startedAt", Date.from(now))),
                                new UpdateOptions().upsert(true));
            Date cutoff = Date.from(now.minus(instanceTimeout));
            // gone instances are counted out by time; their documents are only tidied away, long after
            instances.deleteMany(Filters.lt("heartbeatAt", Date.from(now.minus(instanceTimeout.multipliedBy(10)))));
            liveInstances = (int) Math.max(1, instances.countDocuments(Filters.gte("heartbeatAt", cutoff)));
            segmentsByProcessor.replaceAll((processor, known) -> tokenStore.fetchSegments(processor).length);
            if (unreachable) {
                log.info("Segment sharing sees its database again: {} live instance(s)", liveInstances);
                unreachable = false;
            }
        } catch (RuntimeException failed) {
            // the last figures stay in force: an outage must not make every instance grab or drop every segment
            if (!unreachable) {
                log.warn("Segment sharing cannot reach its database; keeping {} live instance(s) until it can: {}",
                         liveInstances, failed.toString());
                unreachable = true;
            }
        }
    }

    /**
     * Others take this instance's share at their next heartbeat instead of after the timeout. Bounded by one
     * heartbeat interval: with the database gone, stopping must not wait for the driver's server selection.
     */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            instances.withTimeout(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS).deleteOne(Filters.eq("_id", instanceId));
        } catch (RuntimeException failed) {
            log.warn("Could not remove this instance's heartbeat; others take over its share after {}", instanceTimeout);
        }
    }
}
