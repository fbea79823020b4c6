package io.handraiser.eventstore;

import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static io.handraiser.eventstore.EventLogFixture.drain;
import static io.handraiser.eventstore.EventLogFixture.engine;
import static io.handraiser.eventstore.EventLogFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a service write one aggregate: instance A holds a claimed position while its other thread
 * commits X#0 above it; instance B, whose counter still points at A's held position, appends X#1. Readers must
 * still see X#0 before X#1 (review E2).
 */
class AggregateOrderTest {

    private static final Duration NO_GAP_EXPECTED = Duration.ofHours(1);

    @Test
    void theNextEventOfAnAggregateLandsAboveTheEventItsWriterLoadedWhileALowerPositionIsInFlight() throws Exception {
        assertReadersSeeXInSequence(true);
    }

    @Test
    void theNextEventLandsAboveItsPredecessorEvenWhenTheWriterDidNotLoadTheAggregateItself() throws Exception {
        assertReadersSeeXInSequence(false);
    }

    private static void assertReadersSeeXInSequence(boolean instanceBLoadsX) throws Exception {
        try (HeldInsert heldOnA = new HeldInsert()) {
            String databaseName = TestMongo.freshDatabaseName("order");
            CommitLogEventStorageEngine instanceA = engine(heldOnA.client().getDatabase(databaseName), NO_GAP_EXPECTED);
            CommitLogEventStorageEngine instanceB = engine(TestMongo.client().getDatabase(databaseName), NO_GAP_EXPECTED);
            instanceB.appendEvents(event("first", 0));

            FutureTask<Void> stalled = new FutureTask<>(() -> instanceA.appendEvents(event("stalled", 0)), null);
            Thread stalledThread = new Thread(stalled, "stalled-writer");
            heldOnA.hold(stalledThread);
            stalledThread.start();
            heldOnA.awaitHeld();
            instanceA.appendEvents(event("X", 0));

            if (instanceBLoadsX) {
                assertThat(instanceB.readEvents("X").asStream().map(DomainEventMessage::getSequenceNumber)).containsExactly(0L);
            }
            instanceB.appendEvents(event("X", 1));
            heldOnA.release();
            stalled.get(30, TimeUnit.SECONDS);

            List<TrackedEventMessage<?>> delivered = drain(engine(TestMongo.client().getDatabase(databaseName), NO_GAP_EXPECTED), null);
            assertThat(delivered).hasSize(4);
            assertThat(delivered.stream().filter(AggregateOrderTest::ofX).map(event -> ((DomainEventMessage<?>) event).getSequenceNumber()))
                    .containsExactly(0L, 1L);
        }
    }

    private static boolean ofX(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier().equals("X");
    }
}
