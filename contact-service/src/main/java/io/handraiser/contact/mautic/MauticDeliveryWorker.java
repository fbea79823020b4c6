package io.handraiser.contact.mautic;

import io.handraiser.contact.mautic.MauticDeliveryBody.Pending;
import io.handraiser.contact.mautic.MauticDeliveryStore.EventState;
import io.handraiser.contact.mautic.MauticIngestion.Result;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies stored Mautic deliveries in the background, in the order they were received, through
 * {@link MauticIngestion}: claims the oldest delivery not yet applied under a lease (so any instance may, and a
 * restarted one resumes), applies its events a chunk at a time and checkpoints after each chunk. Events of a
 * chunk that was applied but not checkpointed when the worker died are applied again, and recognised by their Mautic
 * key, so nothing is lost or doubled.
 */
@Component
class MauticDeliveryWorker implements SmartLifecycle {

    static final String EVENTS_METER = "handraiser.integrations.mautic.delivery.events";
    static final String LAG_METER = "handraiser.integrations.mautic.deliveries.lag";
    static final String PENDING_METER = "handraiser.integrations.mautic.deliveries.pending";
    private static final Logger log = LoggerFactory.getLogger(MauticDeliveryWorker.class);
    private static final Set<MauticOutcome> FAILURES = Set.of(MauticOutcome.REJECTED, MauticOutcome.REFUSED);
    static final String ERROR = "ERROR";

    private final MauticDeliveryStore store;
    private final MauticIngestion ingestion;
    private final MauticWebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter appliedEvents;
    private final Counter failedEvents;
    private final String owner = "mautic-worker-" + UUID.randomUUID();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    MauticDeliveryWorker(MauticDeliveryStore store, MauticIngestion ingestion, MauticWebhookProperties properties, JsonMapper json,
                         Clock clock, MeterRegistry meters) {
        this.store = store;
        this.ingestion = ingestion;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.appliedEvents = Counter.builder(EVENTS_METER).description("Mautic events applied from stored deliveries, by state")
                                    .tag("state", "applied").register(meters);
        this.failedEvents = Counter.builder(EVENTS_METER).description("Mautic events applied from stored deliveries, by state")
                                   .tag("state", "failed").register(meters);
        Gauge.builder(LAG_METER, this, MauticDeliveryWorker::lagSeconds).baseUnit("seconds")
             .description("how long ago the oldest Mautic delivery not yet applied was received; 0 when all are applied").register(meters);
        Gauge.builder(PENDING_METER, this, MauticDeliveryWorker::pending)
             .description("Mautic deliveries received and not yet applied").register(meters);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mautic-deliveries");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        executor.scheduleWithFixedDelay(this::applyClaimable, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops between chunks and hands the delivery back, so that the next start (here or elsewhere) resumes it at once. */
    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A delivery was stored: look now rather than at the next poll. */
    void wakeUp() {
        ExecutorService current = executor;
        if (running && current != null && !current.isShutdown()) {
            current.execute(this::applyClaimable);
        }
    }

    private void applyClaimable() {
        try {
            while (running) {
                Instant now = clock.instant();
                Document delivery = store.claimOldest(owner, now, now.plus(properties.lease())).orElse(null);
                if (delivery == null) {
                    return;
                }
                if (!apply(delivery)) {
                    return;
                }
            }
        } catch (RuntimeException failure) {
            // the schedule must survive a failure to reach the database; the lease hands the delivery to the next attempt
            log.error("Applying Mautic deliveries failed; the delivery resumes from its last checkpoint", failure);
        }
    }

    /** @return false when this worker must stop looking for now: it lost the delivery, or the service stops */
    private boolean apply(Document delivery) {
        String id = delivery.getString("_id");
        List<Pending> events = MauticDeliveryBody.read(json, delivery.get(MauticDeliveryStore.BODY, Binary.class).getData()).events();
        int next = delivery.getInteger(MauticDeliveryStore.NEXT, 0);
        int attempts = delivery.getInteger("attempts", 1);
        if (attempts > properties.maxAttempts()) {
            giveUp(id, events, next, attempts);
            return true;
        }
        while (next < events.size()) {
            int end = Math.min(next + properties.chunkEvents(), events.size());
            List<Document> records = new ArrayList<>(end - next);
            for (int index = next; index < end; index++) {
                records.add(applyOne(id, index, events.get(index)));
            }
            Instant now = clock.instant();
            if (!store.checkpoint(id, owner, records, end, now.plus(properties.lease()))) {
                log.warn("Mautic delivery {} was taken over by another worker; this one stops", id);
                return false;
            }
            next = end;
            if (!running) {
                store.release(id, owner, now);
                return false;
            }
        }
        store.finish(id, owner, clock.instant());
        return true;
    }

    Document applyOne(String delivery, int index, Pending pending) {
        MauticEvent event = pending.event();
        String mauticId = pending.type() == null ? null : mauticIdOf(pending.type(), event.body());
        Instant at = clock.instant();
        Document record;
        try {
            Result result = pending.type() == null ? ingestion.unknownType(event.type()) : ingestion.ingest(pending.type(), event);
            boolean failed = FAILURES.contains(result.outcome());
            record = MauticDeliveryStore.event(delivery, index, event.type(), failed ? EventState.FAILED : EventState.APPLIED,
                                               result.outcome().name(), result.contactId(), mauticId, result.detail(), null, at);
        } catch (RuntimeException unexpected) {
            log.warn("Mautic event {} of delivery {} failed; it can be retried", index, delivery, unexpected);
            record = MauticDeliveryStore.event(delivery, index, event.type(), EventState.FAILED, ERROR, null, mauticId,
                                               String.valueOf(unexpected.getMessage()), kept(event), at);
        }
        (EventState.FAILED.name().equals(record.getString("state")) ? failedEvents : appliedEvents).increment();
        return record;
    }

    /**
     * The event itself, kept with an unexpected failure so that it can be retried once its cause is fixed. A rejected
     * or refused event is not kept: the ingestion has recorded it as handled, and its content would be refused again.
     */
    private Document kept(MauticEvent event) {
        return new Document("type", event.type()).append("body", json.writeValueAsString(event.body()))
                                                 .append("deliveryTimestamp", event.deliveryTimestamp());
    }

    static MauticEvent restored(JsonMapper json, Document kept) {
        return new MauticEvent(kept.getString("type"), json.readTree(kept.getString("body")), kept.getString("deliveryTimestamp"));
    }

    /** A delivery that stopped its worker every time: its remaining events are failed, to be retried one by one. */
    private void giveUp(String id, List<Pending> events, int next, int attempts) {
        Instant at = clock.instant();
        List<Document> records = new ArrayList<>();
        for (int index = next; index < events.size(); index++) {
            Pending pending = events.get(index);
            records.add(MauticDeliveryStore.event(id, index, pending.event().type(), EventState.FAILED, ERROR, null,
                                                  pending.type() == null ? null : mauticIdOf(pending.type(), pending.event().body()),
                                                  "applying the delivery stopped unexpectedly " + (attempts - 1) + " times; the service log says why",
                                                  kept(pending.event()), at));
            failedEvents.increment();
        }
        if (store.checkpoint(id, owner, records, events.size(), at.plus(properties.lease()))) {
            store.finish(id, owner, at);
        }
    }

    /** The Mautic contact id an event names, so that erasing the contact also clears the records of its events. */
    static String mauticIdOf(MauticEventType type, JsonNode body) {
        JsonNode contact = switch (type) {
            case PAGE_HIT -> body.path("hit").get("lead");
            case FORM_SUBMITTED -> body.path("submission").get("lead");
            case EMAIL_OPENED -> {
                JsonNode stat = body.has("stat") ? body.path("stat") : body;
                yield stat.has("lead") ? stat.get("lead") : stat.get("contact");
            }
            case CONTACT_DELETED -> body;
            default -> body.has("contact") ? body.get("contact") : body.get("lead");
        };
        return contact == null ? null : MauticContact.scalar(contact.get("id"));
    }

    private double lagSeconds() {
        try {
            return store.oldestPending().map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0);
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    private double pending() {
        try {
            return store.pendingDeliveries();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
