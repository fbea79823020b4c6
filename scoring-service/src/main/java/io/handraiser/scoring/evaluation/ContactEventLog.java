package io.handraiser.scoring.evaluation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.starter.privacy.PersonalDataSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every contact event recorded in the shared log, read for a replay without going through a tracking processor.
 * <p>
 * It scans the {@code commits} collection (layout in infra/eventstore's README) with one cursor, which is as fast
 * as the driver reads at all; the engine's tracking reader asks for windows of positions and waits out gaps, which
 * a replay of what is already recorded has no need for, and it may fence a gap, which a replay must never write.
 * A scan keeps no global order, so the caller puts each contact's events in order by their aggregate sequence
 * ({@link Replay} does); across contacts no order is needed, because every contact is scored on its own.
 * <p>
 * Deserializing costs several times what reading does (every personal value is opened with AES-GCM), so it is
 * spread over {@code decoders} threads while one thread scans and {@code scorers} threads score (the caller's only
 * hands events on): batches reach the caller in whatever order they are decoded, which the per-contact ordering
 * absorbs. Payloads go through the application's upcasters and event serializer, which opens personal values with
 * the contact's key; an erased contact's values read as null. The keys of a batch's contacts are read together before it is decoded: one by one, nearly every
 * contact's first event would wait for a query of its own, as a replay meets far more contacts than any key cache
 * holds for its lifetime.
 */
public class ContactEventLog {

    /** contact-service's aggregate: events of other streams (scores, handoffs) are skipped without being deserialized. */
    static final String CONTACT_AGGREGATE = "Contact";
    static final String COMMITS = "commits";
    private static final int BATCH = 1_000;
    private static final int BATCHES_AHEAD = 8;
    private static final List<GenericDomainEventEntry<String>> END_OF_SCAN = List.of();
    private static final List<Recorded> END_OF_DECODING = List.of();

    private final MongoCollection<Document> commits;
    private final Serializer serializer;
    private final List<EventUpcaster> upcasters;
    private final EventUpcaster upcasterChain;
    private final int decoders;
    private final int scorers;

    public ContactEventLog(MongoDatabase eventLog, Serializer serializer, List<EventUpcaster> upcasters, int decoders, int scorers) {
        this.commits = eventLog.getCollection(COMMITS);
        this.serializer = serializer;
        this.upcasters = List.copyOf(upcasters);
        this.upcasterChain = new EventUpcasterChain(upcasters);
        this.decoders = decoders;
        this.scorers = scorers;
    }

    /** A contact event with its place in the contact's own stream. */
    public record Recorded(ContactEvent event, long sequence) {
    }

    @FunctionalInterface
    public interface Reader {
        void accept(Recorded recorded);
    }

    /**
     * Hands every contact event recorded so far to {@code reader} on the calling thread, each contact's in any order
     * (see above); returns how many events were read.
     */
    public long readAll(Reader reader) {
        BlockingQueue<List<GenericDomainEventEntry<String>>> scanned = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        BlockingQueue<List<Recorded>> decoded = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        threads.add(start("evaluation-scan", () -> scan(scanned, failure, stop)));
        for (int i = 0; i < decoders; i++) {
            threads.add(start("evaluation-decode-" + (i + 1), () -> decode(scanned, decoded, failure, stop)));
        }
        long read = 0;
        try {
            int finished = 0;
            while (finished < decoders) {
                List<Recorded> batch = take(decoded);
                if (batch == END_OF_DECODING) {
                    finished++;
                } else {
                    batch.forEach(reader::accept);
                    read += batch.size();
                }
            }
        } finally {
            stop.set(true);
            threads.forEach(Thread::interrupt);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("reading the event log failed", failure.get());
        }
        return read;
    }

    /** Feeds every contact event to {@code replay}, reporting progress every {@code every} events; returns how many were read. */
    public long replay(Replay replay, BackgroundJobs.Progress progress, int every) {
        long[] read = {0};
        try (ScoringWorkers workers = new ScoringWorkers(replay, scorers)) {
            readAll(recorded -> {
                workers.accept(recorded);
                if (++read[0] % every == 0) {
                    progress.eventsRead(read[0]);
                }
            });
            workers.finish();
        }
        progress.eventsRead(read[0]);
        return read[0];
    }

    private void scan(BlockingQueue<List<GenericDomainEventEntry<String>>> scanned, AtomicReference<Throwable> failure, AtomicBoolean stop) {
        try (MongoCursor<Document> cursor = commits.find().batchSize(BATCH).iterator()) {
            List<GenericDomainEventEntry<String>> batch = new ArrayList<>(BATCH);
            while (cursor.hasNext() && !stop.get()) {
                List<Document> events = cursor.next().getList("events", Document.class);
                // a fence holds a position and no events
                if (events == null) {
                    continue;
                }
                for (Document event : events) {
                    if (CONTACT_AGGREGATE.equals(event.getString("aggregateType"))) {
                        batch.add(entry(event));
                    }
                }
                if (batch.size() >= BATCH) {
                    put(scanned, batch, stop);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                put(scanned, batch, stop);
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            for (int i = 0; i < decoders; i++) {
                put(scanned, END_OF_SCAN, stop);
            }
        }
    }

    private void decode(BlockingQueue<List<GenericDomainEventEntry<String>>> scanned, BlockingQueue<List<Recorded>> decoded,
                        AtomicReference<Throwable> failure, AtomicBoolean stop) {
        try {
            for (List<GenericDomainEventEntry<String>> batch = take(scanned); batch != END_OF_SCAN && !stop.get(); batch = take(scanned)) {
                put(decoded, deserialize(batch), stop);
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            put(decoded, END_OF_DECODING, stop);
        }
    }

    private List<Recorded> deserialize(List<GenericDomainEventEntry<String>> batch) {
        Serializer reading = serializerFor(batch);
        List<Recorded> events = new ArrayList<>(batch.size());
        if (upcasters.isEmpty()) {
            // straight to the serializer: the upcasting path builds lazily deserialized metadata for every event, which
            // costs a class lookup each and is never read here
            for (GenericDomainEventEntry<String> entry : batch) {
                if (reading.deserialize(entry.getPayload()) instanceof ContactEvent event) {
                    events.add(new Recorded(event, entry.getSequenceNumber()));
                }
            }
            return events;
        }
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(batch.stream(), reading, upcasterChain);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof ContactEvent event) {
                events.add(new Recorded(event, message.getSequenceNumber()));
            }
        }
        return events;
    }

    /**
     * The serializer with the keys of the batch's contacts read in bulk, when it encrypts personal data. A contact
     * event's aggregate is its contact, and the contact is the subject of its personal data. Staleness is bounded as
     * for cached keys ({@link PersonalDataSerializer#forBulkReading}); a replay's result holds no personal data, and
     * one that an erasure seconds old has not yet blanked is as a report made a moment before the erasure.
     */
    private Serializer serializerFor(List<GenericDomainEventEntry<String>> batch) {
        if (!(serializer instanceof PersonalDataSerializer personal)) {
            return serializer;
        }
        Set<String> contacts = new HashSet<>();
        batch.forEach(entry -> contacts.add(entry.getAggregateIdentifier()));
        return personal.forBulkReading(contacts);
    }

    private static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static GenericDomainEventEntry<String> entry(Document event) {
        return new GenericDomainEventEntry<>(event.getString("aggregateType"), event.getString("aggregateId"), event.getLong("sequence"),
                                             event.getString("eventId"), event.getString("timestamp"), event.getString("payloadType"),
                                             event.getString("payloadRevision"), event.getString("payload"), event.getString("metaData"));
    }

    /** Waits for room unless the reader has stopped reading; a thread interrupted on stop just ends. */
    private static <T> void put(BlockingQueue<T> queue, T item, AtomicBoolean stop) {
        try {
            boolean offered = false;
            while (!offered && !stop.get()) {
                offered = queue.offer(item, 100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T take(BlockingQueue<T> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event log", e);
        }
    }
}
