package io.handraiser.eventstore;

import com.mongodb.client.MongoDatabase;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static io.handraiser.eventstore.EventLogFixture.Engaged;
import static io.handraiser.eventstore.EventLogFixture.drain;
import static io.handraiser.eventstore.EventLogFixture.engine;
import static io.handraiser.eventstore.EventLogFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GapFencingTest {

    @Test
    void aSlowCommitThatLandsWithinTheGapTimeoutIsDeliveredInItsPlaceNotSkipped() throws Exception {
        try (HeldInsert slowWriter = new HeldInsert()) {
            String databaseName = TestMongo.freshDatabaseName("gaps");
            CommitLogEventStorageEngine writer = engine(slowWriter.client().getDatabase(databaseName), Duration.ofHours(1));
            CommitLogEventStorageEngine reader = engine(TestMongo.client().getDatabase(databaseName), Duration.ofHours(1));
            writer.appendEvents(event("first", 0));

            Future<?> slowCommit = startHeldAppend(slowWriter, writer, "slow");
            writer.appendEvents(event("fast", 0));

            List<TrackedEventMessage<?>> whileSlowIsInFlight = drain(reader, null);
            slowWriter.release();
            slowCommit.get(30, TimeUnit.SECONDS);
            List<TrackedEventMessage<?>> afterItLanded = drain(reader, whileSlowIsInFlight.get(0).trackingToken());

            assertThat(contactsOf(whileSlowIsInFlight)).containsExactly("first");
            assertThat(contactsOf(afterItLanded)).containsExactly("slow", "fast");
        }
    }

    @Test
    void anAbandonedPositionStallsReadersOnlyUntilTheGapTimeoutAndALateCommitIsStillDeliveredOnce() throws Exception {
        try (HeldInsert slowWriter = new HeldInsert()) {
            String databaseName = TestMongo.freshDatabaseName("gaps");
            Duration gapTimeout = Duration.ofMillis(300);
            CommitLogEventStorageEngine writer = engine(slowWriter.client().getDatabase(databaseName), gapTimeout);
            MongoDatabase database = TestMongo.client().getDatabase(databaseName);
            CommitLogEventStorageEngine reader = engine(database, gapTimeout);
            writer.appendEvents(event("first", 0));

            Future<?> lateCommit = startHeldAppend(slowWriter, writer, "late");
            writer.appendEvents(event("fast", 0));

            List<TrackedEventMessage<?>> delivered = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                delivered.addAll(drain(reader, delivered.isEmpty() ? null : delivered.get(delivered.size() - 1).trackingToken()));
                assertThat(contactsOf(delivered)).containsExactly("first", "fast");
            });
            assertThat(database.getCollection("commits").find(new Document("_id", 2L)).first()).containsKey("fencedAt");

            slowWriter.release();
            lateCommit.get(30, TimeUnit.SECONDS);
            delivered.addAll(drain(reader, delivered.get(delivered.size() - 1).trackingToken()));

            assertThat(contactsOf(delivered)).containsExactly("first", "fast", "late");
            assertThat(contactsOf(drain(reader, null))).containsExactly("first", "fast", "late");
        }
    }

    private static Future<?> startHeldAppend(HeldInsert slowWriter, CommitLogEventStorageEngine writer, String contact)
            throws InterruptedException {
        FutureTask<Void> append = new FutureTask<>(() -> writer.appendEvents(event(contact, 0)), null);
        Thread thread = new Thread(append, "held-writer");
        slowWriter.hold(thread);
        thread.start();
        slowWriter.awaitHeld();
        return append;
    }

    private static List<String> contactsOf(List<TrackedEventMessage<?>> events) {
        return events.stream().map(EventMessage::getPayload).map(payload -> ((Engaged) payload).contactId()).toList();
    }
}
