package io.handraiser.scoring.evaluation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.starter.privacy.PersonalDataSerializer;
import io.handraiser.starter.privacy.PersonalValueSelection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.codecs.configuration.CodecRegistries;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every contact event recorded in the shared log, read for a replay without going through a tracking processor.
 * <p>
 * It scans the {@code commits} collection (layout in infra/eventstore's README) with one cursor, which is as fast
 * as the driver reads at all; the engine's tracking reader asks for windows of positions and waits out gaps, which
 * a replay of what is already recorded has no need for, and it may fence a gap, which a replay must never write.
 * A scan keeps no global order, so each contact's events are put in order by their aggregate sequence ({@link
 * Replay} does); across contacts no order is needed, because every contact is scored on its own.
 * <p>
 * Decoding and scoring cost several times what scanning does, so the scanning thread only reads the events' fields
 * ({@link ContactEventsOfCommit}) and deals them out by contact to {@code threads} workers, each of which decodes its
 * contacts' events and scores them in a {@link Replay.Shard} of its own: an event is handed over once, in a batch, and
 * decoded and scored on the same thread, and a contact's events reach its shard in the order they were scanned. The
 * result does not depend on the number of workers.
 * <p>
 * Payloads go through the application's upcasters and event serializer, which opens personal values with the
 * contact's key; an erased contact's values read as null. Only the personal values the replay's model can read are
 * opened ({@link PersonalValuesRead}). The keys of a batch's contacts are read together before it is decoded, and kept
 * for later batches: one by one, nearly every contact's first event would wait for a query of its own, as a replay
 * meets far more contacts than any key cache holds for its lifetime.
 */
public class ContactEventLog {

    /** contact-service's aggregate: events of other streams (scores, handoffs) are skipped without being deserialized. */
    static final String CONTACT_AGGREGATE = "Contact";
    static final String COMMITS = "commits";
    private static final int SCAN_BATCH = 1_000;
    /**
     * Events per hand-over to a worker: a queue operation per event would cost more than the scoring it spreads, and
     * the batch is also the unit of a key read.
     */
    private static final int BATCH = 500;
    /** Batches waiting per worker: the bound keeps a slow worker from letting the scan fill the heap. */
    private static final int BATCHES_AHEAD = 8;
    private static final List<GenericDomainEventEntry<byte[]>> END_OF_SCAN = List.of();
    /** How long a waiting thread waits before it looks again whether the replay stopped, or progress is due. */
    private static final long POLL_MILLIS = 100;

    private final MongoCollection<ContactEventsOfCommit> commits;
    private final Serializer serializer;
    private final List<EventUpcaster> upcasters;
    private final EventUpcaster upcasterChain;
    private final int threads;

    public ContactEventLog(MongoDatabase eventLog, Serializer serializer, List<EventUpcaster> upcasters, int threads) {
        this.commits = eventLog.getCollection(COMMITS, ContactEventsOfCommit.class)
                               .withCodecRegistry(CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(new ContactEventsOfCommit.Reading()),
                                                                                 eventLog.getCodecRegistry()));
        this.serializer = serializer;
        this.upcasters = List.copyOf(upcasters);
        this.upcasterChain = new EventUpcasterChain(upcasters);
        this.threads = threads;
    }

    /** A contact event with its place in the contact's own stream. */
    public record Recorded(ContactEvent event, long sequence) {
    }

    /**
     * Feeds every contact event recorded so far to {@code replay}, reporting progress at least every {@code every}
     * events (from the calling thread, which otherwise waits); returns how many events were read.
     */
    public long replay(Replay replay, BackgroundJobs.Progress progress, int every) {
        BatchReading reading = readingOf(PersonalValuesRead.by(replay.model().model()));
        AtomicLong read = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<BlockingQueue<List<GenericDomainEventEntry<byte[]>>>> queues = new ArrayList<>(threads);
        List<Thread> running = new ArrayList<>(threads + 1);
        for (int i = 0; i < threads; i++) {
            // shards are made here, before any thread starts, as the replay's list of shards is not thread-safe
            Replay.Shard shard = replay.shard();
            BlockingQueue<List<GenericDomainEventEntry<byte[]>>> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
            queues.add(queue);
            running.add(thread("evaluation-worker-" + (i + 1), () -> work(queue, shard, reading, read, failure, stop)));
        }
        running.add(thread("evaluation-scan", () -> scan(queues, failure, stop)));
        running.forEach(Thread::start);
        try {
            long reported = 0;
            for (Thread thread : running) {
                while (thread.isAlive() && failure.get() == null) {
                    join(thread);
                    long now = read.get();
                    if (now / every > reported / every) {
                        progress.eventsRead(now);
                        reported = now;
                    }
                }
            }
        } finally {
            stop.set(true);
            running.forEach(Thread::interrupt);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("replaying the event log failed", failure.get());
        }
        progress.eventsRead(read.get());
        return read.get();
    }

    /** Deals the contact events out to the workers by contact, in batches, then tells each that the scan is over. */
    private void scan(List<BlockingQueue<List<GenericDomainEventEntry<byte[]>>>> queues, AtomicReference<Throwable> failure, AtomicBoolean stop) {
        List<List<GenericDomainEventEntry<byte[]>>> filling = new ArrayList<>(queues.size());
        queues.forEach(queue -> filling.add(new ArrayList<>(BATCH)));
        try (MongoCursor<ContactEventsOfCommit> cursor = commits.find().batchSize(SCAN_BATCH).iterator()) {
            while (cursor.hasNext() && !stop.get()) {
                for (GenericDomainEventEntry<byte[]> event : cursor.next().events()) {
                    int worker = Math.floorMod(event.getAggregateIdentifier().hashCode(), queues.size());
                    List<GenericDomainEventEntry<byte[]>> batch = filling.get(worker);
                    batch.add(event);
                    if (batch.size() == BATCH) {
                        put(queues.get(worker), batch, stop);
                        filling.set(worker, new ArrayList<>(BATCH));
                    }
                }
            }
            for (int worker = 0; worker < queues.size(); worker++) {
                if (!filling.get(worker).isEmpty()) {
                    put(queues.get(worker), filling.get(worker), stop);
                }
            }
        } catch (RuntimeException | Error e) {
            fail(e, failure, stop);
        } finally {
            queues.forEach(queue -> put(queue, END_OF_SCAN, stop));
        }
    }

    private void work(BlockingQueue<List<GenericDomainEventEntry<byte[]>>> queue, Replay.Shard shard, BatchReading reading, AtomicLong read,
                      AtomicReference<Throwable> failure, AtomicBoolean stop) {
        try {
            for (List<GenericDomainEventEntry<byte[]>> batch = queue.take(); batch != END_OF_SCAN && !stop.get(); batch = queue.take()) {
                List<Recorded> events = deserialize(batch, reading);
                for (Recorded recorded : events) {
                    shard.accept(recorded.event(), recorded.sequence());
                }
                read.addAndGet(events.size());
            }
        } catch (InterruptedException e) {
            // stopped: the replay failed elsewhere or was abandoned
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fail(e, failure, stop);
        }
    }

    private List<Recorded> deserialize(List<GenericDomainEventEntry<byte[]>> batch, BatchReading batchReading) {
        List<String> contacts = new ArrayList<>(batch.size());
        batch.forEach(entry -> contacts.add(entry.getAggregateIdentifier()));
        Serializer reading = batchReading.serializerFor(contacts);
        List<Recorded> events = new ArrayList<>(batch.size());
        if (upcasters.isEmpty()) {
            // straight to the serializer: the upcasting path builds lazily deserialized metadata for every event, which
            // costs a class lookup each and is never read here
            for (GenericDomainEventEntry<byte[]> entry : batch) {
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

    /** The serializer for a batch of events of {@code contacts}. */
    @FunctionalInterface
    private interface BatchReading {
        Serializer serializerFor(List<String> contacts);
    }

    /**
     * When the serializer encrypts personal data: the keys of each batch's contacts read in bulk, and kept for the
     * later batches of this pass. A contact event's aggregate is its contact, and the contact is the subject of its
     * personal data. Staleness is bounded as for cached keys ({@link PersonalDataSerializer#forBulkReading}); a
     * replay's result holds no personal data, and one that an erasure seconds old has not yet blanked is as a report
     * made a moment before the erasure.
     */
    private BatchReading readingOf(PersonalValueSelection opened) {
        if (!(serializer instanceof PersonalDataSerializer personal)) {
            return contacts -> serializer;
        }
        return personal.forBulkReading(opened)::forBatch;
    }

    private static void fail(Throwable e, AtomicReference<Throwable> failure, AtomicBoolean stop) {
        failure.compareAndSet(null, e);
        stop.set(true);
    }

    private static Thread thread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying the event log", e);
        }
    }

    /** Waits for room unless the replay has stopped (a worker failed); a thread interrupted on stop just ends. */
    private static <T> void put(BlockingQueue<T> queue, T item, AtomicBoolean stop) {
        try {
            boolean offered = false;
            while (!offered && !stop.get()) {
                offered = queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
