package io.handraiser.reporting;

import com.mongodb.client.MongoCollection;
import io.handraiser.reporting.projection.Facts;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Rebuild rate against the raw read rate of the same events, measured in one run on one server; prints, asserts
 * nothing about time. {@code ./mvnw -pl reporting-service verify -Pbenchmark [-Dbenchmark.contacts=5000]}
 */
class RebuildBenchmark extends ReportingTestBase {

    @Autowired
    EventLogDatabases databases;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        isolate(registry, "rebuild_benchmark");
    }

    @Test
    void rebuildRateAgainstRawReadRate() throws Exception {
        int contacts = Integer.getInteger("benchmark.contacts", 5_000);
        publishAndAwait(GeneratedHistory.of(contacts, 1L));

        MongoCollection<Document> commits = databases.eventLog().getCollection("commits");
        long rawStart = System.nanoTime();
        long rawEvents = 0;
        for (Document commit : commits.find()) {
            rawEvents += commit.getList("events", Document.class, List.of()).size();
        }
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

        long streamStart = System.nanoTime();
        long streamed = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (streamed < rawEvents && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (Facts.HANDLED.contains(event.getPayloadType())) {
                    event.getPayload();
                }
                streamed++;
            }
        }
        double streamSeconds = (System.nanoTime() - streamStart) / 1e9;

        api().post("/api/reports/rebuild", "admin");
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
               .until(() -> get("/api/reports/rebuild", "admin").get("state").asText().equals("DONE"));
        JsonNode status = get("/api/reports/rebuild", "admin");
        double rebuildRate = status.get("eventsPerSecond").asDouble();
        double rawRate = rawEvents / rawSeconds;
        double streamRate = streamed / streamSeconds;

        System.out.printf("%nRebuild benchmark (%s MongoDB, %d contacts, %d events in %d commits)%n", TestMongo.source(),
                          contacts, rawEvents, commits.countDocuments());
        System.out.printf("  raw driver read of the commit documents:      %,10.0f events/s%n", rawRate);
        System.out.printf("  EventStore.openStream, reported payloads read: %,10.0f events/s%n", streamRate);
        System.out.printf("  rebuild (read, fold, bulk write, switch):     %,10.0f events/s%n", rebuildRate);
        System.out.printf("  rebuild / raw driver read: %.2f   rebuild / openStream read: %.2f%n%n", rebuildRate / rawRate, rebuildRate / streamRate);
    }
}
