package io.handraiser.eventstore;

import com.mongodb.client.MongoDatabase;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.handraiser.eventstore.EventLogFixture.Engaged;
import static io.handraiser.eventstore.EventLogFixture.commitOf;
import static io.handraiser.eventstore.EventLogFixture.drain;
import static io.handraiser.eventstore.EventLogFixture.engine;
import static io.handraiser.eventstore.EventLogFixture.engineOn;
import static io.handraiser.eventstore.EventLogFixture.event;
import static io.handraiser.eventstore.EventLogFixture.fact;
import static io.handraiser.eventstore.EventLogFixture.identifiers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitLogEventStorageEngineTest {

    private static final Duration NO_GAP_EXPECTED = Duration.ofHours(1);

    private MongoDatabase database;
    private CommitLogEventStorageEngine engine;

    @BeforeEach
    void freshLog() {
        database = TestMongo.freshDatabase("eventlog");
        engine = engine(database, NO_GAP_EXPECTED);
    }

    @Test
    void createsItsIndexesAtStart() {
        List<String> indexes = database.getCollection("commits").listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());

        assertThat(indexes).contains("aggregate_sequence");
    }

    @Test
    void readsAnAggregateStreamBackInSequenceFromAnySequenceNumber() {
        engine.appendEvents(commitOf("c1", 0, 3));
        engine.appendEvents(commitOf("c2", 0, 2));
        engine.appendEvents(commitOf("c1", 3, 2));

        List<Long> all = engine.readEvents("c1", 0).asStream().map(DomainEventMessage::getSequenceNumber).toList();
        List<Long> fromThree = engine.readEvents("c1", 3).asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(all).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(fromThree).containsExactly(3L, 4L);
        assertThat(engine.lastSequenceNumberFor("c1")).contains(4L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void readsLongAggregateStreamsAcrossManyReadWindows() {
        for (int commit = 0; commit < 30; commit++) {
            engine.appendEvents(commitOf("busy", commit * 50L, 50));
        }

        assertThat(engine.readEvents("busy", 0).asStream().count()).isEqualTo(1500);
        assertThat(engine.readEvents("busy", 1000).asStream().findFirst().orElseThrow().getSequenceNumber()).isEqualTo(1000);
    }

    @Test
    void conflictingAppendToOneAggregateFailsWithConcurrencyException() {
        engine.appendEvents(commitOf("c1", 0, 2));
        CommitLogEventStorageEngine otherInstance = engine(database, NO_GAP_EXPECTED);
        engine.appendEvents(event("c1", 2));

        assertThatThrownBy(() -> otherInstance.appendEvents(event("c1", 2))).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> otherInstance.appendEvents(event("c1", 0))).isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void ofManyConcurrentAppendsToOneAggregateExactlyOneWinsAndReadersAreNotHeldUp() throws Exception {
        engine.appendEvents(event("c1", 0));
        List<CommitLogEventStorageEngine> instances = List.of(engine, engine(database, NO_GAP_EXPECTED), engine(database, NO_GAP_EXPECTED));
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            CommitLogEventStorageEngine instance = instances.get(i % instances.size());
            outcomes.add(pool.submit(appendSecondEvent(instance, start)));
        }
        start.countDown();
        long winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(engine.readEvents("c1", 0).asStream().count()).isEqualTo(2);
        assertThat(drain(engine, null)).hasSize(2);
    }

    private static Callable<Boolean> appendSecondEvent(CommitLogEventStorageEngine instance, CountDownLatch start) {
        return () -> {
            start.await();
            try {
                instance.appendEvents(event("c1", 1));
                return true;
            } catch (ConcurrencyException lost) {
                return false;
            }
        };
    }

    @Test
    void allEventsOfOneCommitBecomeVisibleTogether() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writing = writer.submit(() -> {
            for (int commit = 0; commit < 300; commit++) {
                engine.appendEvents(commitOf("c" + commit, 0, 5));
            }
        });
        List<List<TrackedEventMessage<?>>> observedReads = new ArrayList<>();
        while (!writing.isDone()) {
            observedReads.add(drain(engine, null));
        }
        writing.get();
        writer.shutdown();
        observedReads.add(drain(engine, null));

        for (List<TrackedEventMessage<?>> read : observedReads) {
            Map<Long, Long> eventsPerCommit = read.stream().collect(Collectors.groupingBy(
                    event -> ((CommitPositionToken) event.trackingToken()).commit(), Collectors.counting()));
            assertThat(eventsPerCommit.values()).allMatch(count -> count == 5);
        }
        assertThat(observedReads.get(observedReads.size() - 1)).hasSize(1500);
    }

    @Test
    void eventsWithoutAnAggregateAndEventsOfSeveralAggregatesCommitTogether() {
        engine.appendEvents(List.of(event("c1", 0), event("c2", 0), fact("scored")));

        List<TrackedEventMessage<?>> delivered = drain(engine, null);

        assertThat(delivered).hasSize(3);
        assertThat(delivered.get(0)).isInstanceOf(DomainEventMessage.class);
        assertThat(delivered.get(2)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(delivered.get(2).getPayload()).isEqualTo(new EventLogFixture.Published("scored"));
        assertThatThrownBy(() -> engine.appendEvents(List.of(event("c3", 0), event("c2", 0))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.readEvents("c3", 0).asStream().count()).isZero();
    }

    @Test
    void aReaderRestartedFromItsStoredTokenNeitherRepeatsNorLosesAnEvent() {
        for (int commit = 0; commit < 40; commit++) {
            engine.appendEvents(commitOf("c" + (commit % 7), commit / 7 * 3L, 3));
        }
        List<TrackedEventMessage<?>> everything = drain(engine, null);
        int stoppedAt = 61;
        TrackingToken stored = roundTrip(everything.get(stoppedAt - 1).trackingToken());

        CommitLogEventStorageEngine restarted = engine(database, NO_GAP_EXPECTED);
        List<TrackedEventMessage<?>> rest = drain(restarted, stored);

        List<String> resumed = new ArrayList<>(identifiers(everything.subList(0, stoppedAt)));
        resumed.addAll(identifiers(rest));
        assertThat(resumed).containsExactlyElementsOf(identifiers(everything));
    }

    private static TrackingToken roundTrip(TrackingToken token) {
        var serialized = EventLogFixture.SERIALIZER.serialize(token, String.class);
        return EventLogFixture.SERIALIZER.deserialize(serialized);
    }

    @Test
    void aCommitFromAWriterWhoseClockIsTenMinutesBehindIsDelivered() {
        CommitLogEventStorageEngine skewedWriter = engine(database, NO_GAP_EXPECTED);
        engine.appendEvents(event("punctual", 0));
        TrackingToken afterPunctual = drain(engine, null).get(0).trackingToken();

        skewedWriter.appendEvents(event("late-clock", 0, Instant.now().minus(Duration.ofMinutes(10))));

        assertThat(payloads(drain(engine, afterPunctual))).containsExactly(new Engaged("late-clock", 0));
    }

    @Test
    void keepsTheNewestSnapshotOnly() {
        engine.storeSnapshot(snapshot("c1", 10, "ten"));
        engine.storeSnapshot(snapshot("c1", 5, "five"));

        assertThat(engine.readSnapshot("c1")).get().extracting(DomainEventMessage::getSequenceNumber).isEqualTo(10L);
        engine.storeSnapshot(snapshot("c1", 12, "twelve"));
        assertThat(engine.readSnapshot("c1")).get().extracting(DomainEventMessage::getPayload).isEqualTo("twelve");
        assertThat(engine.readSnapshot("c2")).isEmpty();
    }

    private static DomainEventMessage<String> snapshot(String aggregate, long sequence, String state) {
        return new GenericDomainEventMessage<>("Contact", aggregate, sequence, state);
    }

    @Test
    void upcastersRewriteOldEventsOnTheWayOut() {
        engine.appendEvents(event("c1", 0));
        CommitLogEventStorageEngine upcasting = engineOn(database).upcasterChain(new EngagedToRevisionTwo()).build();

        List<TrackedEventMessage<?>> delivered = drain(upcasting, null);

        assertThat(delivered.get(0).getPayload()).isEqualTo(new Engaged("c1-upcast", 0));
    }

    private static final class EngagedToRevisionTwo extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(Engaged.class.getName())
                    && representation.getType().getRevision() == null;
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(Engaged.class.getName(), "2"), String.class,
                                                json -> json.replace("\"contactId\":\"c1\"", "\"contactId\":\"c1-upcast\""));
        }
    }

    @Test
    void headAndTimeTokensStartWhereTheyShould() {
        engine.appendEvents(event("before", 0, Instant.parse("2026-01-01T00:00:00Z")));
        engine.appendEvents(event("after", 0, Instant.parse("2026-06-01T00:00:00Z")));

        assertThat(drain(engine, engine.createHeadToken())).isEmpty();
        assertThat(payloads(drain(engine, engine.createTokenAt(Instant.parse("2026-03-01T00:00:00Z")))))
                .containsExactly(new Engaged("after", 0));
        assertThat(drain(engine, engine.createTailToken())).hasSize(2);
        assertThat(database.getCollection("commits").countDocuments(new Document("fencedAt", new Document("$exists", true)))).isZero();
    }

    private static List<Object> payloads(List<TrackedEventMessage<?>> events) {
        return events.stream().<Object>map(EventMessage::getPayload).toList();
    }
}
