package io.handraiser.starter.deadline;

import com.mongodb.client.MongoDatabase;
import io.handraiser.contract.shared.Actor;
import io.handraiser.starter.sample.SampleApplication;
import io.handraiser.starter.sample.SampleApplication.OpenTicket;
import io.handraiser.starter.sample.SampleApplication.TicketReminder;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deadline scheduled before a restart fires after it, once. The clock is fixed per run: before the restart it
 * stands before the due time, after it past the due time, so nothing depends on how fast either run is.
 */
class DeadlineRestartTest {

    private static final Instant OPENED = Instant.parse("2026-11-23T09:00:00Z");
    private final String serviceDatabase = TestMongo.freshDatabaseName("deadline_service");
    private final String eventLog = TestMongo.freshDatabaseName("deadline_events");

    @Test
    void aDeadlineScheduledBeforeARestartFiresAfterItOnce() {
        MongoDatabase service = TestMongo.client().getDatabase(serviceDatabase);
        try (ConfigurableApplicationContext before = start(OPENED)) {
            before.getBean(CommandGateway.class).sendAndWait(
                    new GenericCommandMessage<>(new OpenTicket("t-1", "printer")).andMetaData(Map.of(Actor.META_DATA_KEY, Actor.person("ada"))));
            await().atMost(Duration.ofSeconds(20)).until(() -> service.getCollection(MongoDeadlineManager.COLLECTION).countDocuments() == 1);
        }
        assertThat(service.getCollection(TicketReminder.REMINDERS).countDocuments()).as("not due before the restart").isZero();

        try (ConfigurableApplicationContext after = start(OPENED.plus(Duration.ofHours(2)))) {
            MongoDeadlineManager deadlines = after.getBean(MongoDeadlineManager.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending() == 0);
            assertThat(service.getCollection(TicketReminder.REMINDERS).find().into(new ArrayList<Document>()))
                    .singleElement().satisfies(reminder -> assertThat(reminder.getString("ticket")).isEqualTo("t-1"));
        }
    }

    private ConfigurableApplicationContext start(Instant now) {
        return new SpringApplicationBuilder(SampleApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", Clock.fixed(now, ZoneOffset.UTC)))
                .run("--spring.mongodb.uri=" + TestMongo.uri(),
                     "--spring.application.name=sample",
                     "--server.port=0",
                     "--handraiser.event-log.database=" + eventLog,
                     "--handraiser.service.database=" + serviceDatabase,
                     "--handraiser.deadlines.poll-interval=100ms");
    }
}
