package io.handraiser.reporting.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.handraiser.eventstore.CommitPositionToken;
import io.handraiser.reporting.ReportingProperties;
import io.handraiser.reporting.generation.Generation;
import io.handraiser.reporting.generation.Generations;
import io.handraiser.reporting.projection.FactWrite;
import io.handraiser.reporting.projection.Facts;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the reporting projections into a new generation while the active one keeps answering, then moves the
 * pointer to it.
 * <p>
 * Why a reader of our own over {@link EventStore#openStream} rather than Axon's processor reset: a reset replays
 * into the collections reports read, so they would answer half-built figures until it finished. A second
 * processing group writing to the new generation would avoid that, but an idle group still tracks the whole log
 * between rebuilds (or needs lifecycle juggling to stay stopped), and its reset needs every instance to release
 * its segments. The reader here reads each event once, writes the facts of a whole batch in one bulk write per
 * collection and knows its progress exactly.
 * <p>
 * Why nothing is lost at the switch: before the reader starts, {@link Generations#startBuilding()} makes the live
 * projection write every event it handles to the new generation too. An event the live projection handled before
 * that moment was committed before the head the reader reads up to, so the reader writes it; any later event the
 * live projection writes itself, before and after the switch. Facts' writes are idempotent and order-insensitive,
 * so the two writers may overlap freely.
 * <p>
 * Rebuild coordination lives in this process: run a rebuild with one instance of the service running (other
 * instances' live projections would not mirror their events into the new generation).
 */
@Component
public class Rebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final String LATEST = "latest";
    private static final Duration POLL = Duration.ofMillis(500);

    private final EventStore eventStore;
    private final Generations generations;
    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> rebuilds;
    private final Clock clock;
    private final int batchSize;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reporting-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    public Rebuild(EventStore eventStore, Generations generations, EventLogDatabases databases, Clock clock,
                   ReportingProperties properties) {
        this.eventStore = eventStore;
        this.generations = generations;
        this.commits = databases.eventLog().getCollection("commits");
        this.rebuilds = databases.service().getCollection("rebuilds");
        this.clock = clock;
        this.batchSize = properties.rebuildBatchSize();
        RebuildStatus last = status();
        if (last != null && last.state() == RebuildStatus.State.RUNNING) {
            save(last.ended(RebuildStatus.State.INTERRUPTED, clock.instant(), "the service stopped while it ran; start it again"));
        }
    }

    /** The latest rebuild, running or ended; null when there has been none. */
    public RebuildStatus status() {
        Document stored = rebuilds.find(Filters.eq("_id", LATEST)).first();
        return stored == null ? null : RebuildStatus.from(stored);
    }

    /**
     * Starts a rebuild and returns at once; follow it with {@link #status()}.
     *
     * @throws io.handraiser.contract.shared.RuleViolation when one is running already
     */
    public RebuildStatus start(String requestedBy) {
        Generation building = generations.startBuilding();
        CommitPositionToken head = lastCommitWithEvents();
        RebuildStatus started = RebuildStatus.started(building.number(), requestedBy, clock.instant(), head == null ? 0 : head.commit());
        save(started);
        executor.execute(() -> run(building, head, started));
        return started;
    }

    private void run(Generation building, CommitPositionToken head, RebuildStatus started) {
        long processed = 0;
        long position = 0;
        boolean switched = false;
        List<FactWrite> batch = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            CommitPositionToken last = null;
            while (head != null && (last == null || !last.covers(head))) {
                if (stopping) {
                    throw new InterruptedException("the service is stopping");
                }
                if (!stream.hasNextAvailable((int) POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                TrackedEventMessage<?> message = stream.nextAvailable();
                last = (CommitPositionToken) message.trackingToken();
                processed++;
                if (message instanceof DomainEventMessage<?> event && Facts.HANDLED.contains(event.getPayloadType())) {
                    batch.addAll(Facts.writesFor(event.getPayload(), event.getSequenceNumber(), event.getIdentifier()));
                }
                if (processed % batchSize == 0) {
                    Facts.apply(building, batch);
                    batch.clear();
                    position = last.commit();
                    save(started.progressed(processed, position));
                }
            }
            Facts.apply(building, batch);
            position = last == null ? 0 : last.commit();
            generations.switchTo(building);
            switched = true;
            save(started.progressed(processed, position).ended(RebuildStatus.State.DONE, clock.instant(), null));
            log.info("Rebuilt the reporting projections into {} from {} events", building, processed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            generations.abandon(building);
            save(started.progressed(processed, position).ended(RebuildStatus.State.INTERRUPTED, clock.instant(), "the service is stopping"));
        } catch (RuntimeException failure) {
            if (switched) {
                log.error("{} answers, but recording that its rebuild ended failed", building, failure);
                return;
            }
            log.error("Rebuild of {} failed after {} events; the active generation answers on", building, processed, failure);
            generations.abandon(building);
            save(started.progressed(processed, position).ended(RebuildStatus.State.FAILED, clock.instant(), failure.getMessage()));
        }
    }

    /**
     * The log's head as the token after its last commit that holds events. The log's own head token may name a
     * fence (a position a reader closed), which no event's token ever covers.
     */
    private CommitPositionToken lastCommitWithEvents() {
        Document last = commits.find(Filters.exists("events")).sort(Sorts.descending("_id")).limit(1).first();
        return last == null ? null : CommitPositionToken.after(((Number) last.get("_id")).longValue());
    }

    private void save(RebuildStatus status) {
        rebuilds.replaceOne(Filters.eq("_id", LATEST), status.toDocument(LATEST), new ReplaceOptions().upsert(true));
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
