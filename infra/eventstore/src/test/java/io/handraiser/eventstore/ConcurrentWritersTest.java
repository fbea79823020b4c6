package io.handraiser.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.handraiser.eventstore.EventLogFixture.commitOf;
import static io.handraiser.eventstore.EventLogFixture.drain;
import static io.handraiser.eventstore.EventLogFixture.engine;
import static io.handraiser.eventstore.EventLogFixture.identifiers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConcurrentWritersTest {

    private static final int TOTAL_EVENTS = 100_000;
    private static final int WRITERS = 4;
    private static final int AGGREGATES_PER_WRITER = 250;

    @Test
    void fourWritersOnTwoInstancesAppendAHundredThousandEventsAndLiveReadersSeeEachOnceInOneOrder() throws Exception {
        String databaseName = TestMongo.freshDatabaseName("concurrent");
        Duration gapTimeout = Duration.ofSeconds(5);
        try (MongoClient serviceA = MongoClients.create(TestMongo.uri()); MongoClient serviceB = MongoClients.create(TestMongo.uri())) {
            List<CommitLogEventStorageEngine> instances = List.of(engine(serviceA.getDatabase(databaseName), gapTimeout),
                                                                  engine(serviceB.getDatabase(databaseName), gapTimeout));
            Set<String> written = ConcurrentHashMap.newKeySet();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writing = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                writing.add(writers.submit(appendShare(instances.get(writer % 2), writer, written)));
            }
            LiveReader readerOnA = new LiveReader(instances.get(0));
            LiveReader readerOnB = new LiveReader(instances.get(1));

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                readerOnA.poll();
                readerOnB.poll();
                return readerOnA.delivered.size() >= TOTAL_EVENTS && readerOnB.delivered.size() >= TOTAL_EVENTS;
            });
            for (Future<?> share : writing) {
                share.get();
            }
            writers.shutdown();
            readerOnA.poll();
            readerOnB.poll();

            List<String> orderOnA = identifiers(readerOnA.delivered);
            assertThat(written).hasSize(TOTAL_EVENTS);
            assertThat(orderOnA).hasSize(TOTAL_EVENTS).doesNotHaveDuplicates();
            assertThat(new HashSet<>(orderOnA)).isEqualTo(written);
            assertThat(identifiers(readerOnB.delivered)).isEqualTo(orderOnA);
            assertThat(identifiers(drain(engine(serviceA.getDatabase(databaseName), gapTimeout), null))).isEqualTo(orderOnA);
            assertEachAggregateInSequence(readerOnA.delivered);
        }
    }

    /** Each writer owns its aggregates and commits 1 to 5 events at a time until it has written its share. */
    private static Runnable appendShare(CommitLogEventStorageEngine engine, int writer, Set<String> written) {
        return () -> {
            Map<String, Long> nextSequence = new HashMap<>();
            int share = TOTAL_EVENTS / WRITERS;
            int appended = 0;
            for (int commit = 0; appended < share; commit++) {
                String contact = "w" + writer + "-c" + (commit % AGGREGATES_PER_WRITER);
                int size = Math.min(1 + commit % 5, share - appended);
                long first = nextSequence.getOrDefault(contact, 0L);
                List<EventMessage<?>> events = commitOf(contact, first, size);
                engine.appendEvents(events);
                nextSequence.put(contact, first + size);
                events.forEach(event -> written.add(event.getIdentifier()));
                appended += size;
            }
        };
    }

    private static void assertEachAggregateInSequence(List<TrackedEventMessage<?>> delivered) {
        Map<String, Long> lastSequence = new HashMap<>();
        for (TrackedEventMessage<?> event : delivered) {
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            long expected = lastSequence.getOrDefault(domainEvent.getAggregateIdentifier(), -1L) + 1;
            assertThat(domainEvent.getSequenceNumber()).isEqualTo(expected);
            lastSequence.put(domainEvent.getAggregateIdentifier(), expected);
        }
    }

    private static final class LiveReader {
        private final CommitLogEventStorageEngine engine;
        private final List<TrackedEventMessage<?>> delivered = new ArrayList<>();
        private TrackingToken token;

        private LiveReader(CommitLogEventStorageEngine engine) {
            this.engine = engine;
        }

        void poll() {
            List<TrackedEventMessage<?>> batch = drain(engine, token);
            if (!batch.isEmpty()) {
                delivered.addAll(batch);
                token = batch.get(batch.size() - 1).trackingToken();
            }
        }
    }
}
