package io.handraiser.handoff;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffReminded;
import io.handraiser.contract.shared.Actor;
import io.handraiser.starter.deadline.MongoDeadlineManager;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handoff's reminder, scheduled before the service stops, fires after it starts again, once. Each run has its own
 * fixed clock: before the restart it stands at the MQL decision, after it past the reminder (half of tier A's 4 h)
 * and before the escalation, so nothing depends on how fast either run is.
 */
class ReminderRestartTest {

    private static final Instant DECIDED = Instant.parse("2026-11-23T09:00:00Z");
    private final String eventLog = TestMongo.freshDatabaseName("handoff_restart_events");
    private final String serviceDatabase = TestMongo.freshDatabaseName("handoff_restart");
    private final String keys = TestMongo.freshDatabaseName("handoff_restart_keys");

    @Test
    void aReminderScheduledBeforeARestartFiresAfterItOnce() {
        ContactId contact = ContactId.generate();
        MongoDatabase service = TestMongo.client().getDatabase(serviceDatabase);
        String handoff;
        try (ConfigurableApplicationContext before = start(DECIDED)) {
            EventStore events = before.getBean(EventStore.class);
            events.publish(new GenericDomainEventMessage<>("Contact", contact.toString(), 0, new ContactCaptured(
                    contact, new Email("rosa@example.org"), new Profile("Rosa", "Roth", "Acme", null, null, null, "DE", null),
                    Source.of("hubspot"), Stage.LEAD, Actor.person("automation-user"), DECIDED)));
            events.publish(new GenericDomainEventMessage<>("Contact", contact.toString(), 1, new MarkedMQL(
                    contact, Stage.LEAD, Tier.of("A"), "asked for a demo", Evidence.none(), Actor.person("marketer-1"), DECIDED)));
            MongoDeadlineManager deadlines = before.getBean(MongoDeadlineManager.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> deadlines.pending() == 2);
            Document opened = await().atMost(Duration.ofSeconds(30))
                                     .until(() -> service.getCollection("handoffs").find(Filters.eq("contactId", contact.toString())).first(),
                                            found -> found != null);
            handoff = opened.getString("_id");
            assertThat(reminders(events, handoff)).as("not due before the restart").isZero();
        }

        try (ConfigurableApplicationContext after = start(DECIDED.plus(Duration.ofHours(3)))) {
            MongoDeadlineManager deadlines = after.getBean(MongoDeadlineManager.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> deadlines.pending() == 1);
            assertThat(reminders(after.getBean(EventStore.class), handoff)).as("the reminder, once").isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(
                    service.getCollection("handoffs").find(Filters.eq("_id", handoff)).first().getBoolean("reminded")));
        }
    }

    private static long reminders(EventStore events, String handoff) {
        return events.readEvents(HandoffId.of(handoff).toString()).asStream().filter(event -> event.getPayload() instanceof HandoffReminded).count();
    }

    private ConfigurableApplicationContext start(Instant now) {
        return new SpringApplicationBuilder(HandoffServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", Clock.fixed(now, ZoneOffset.UTC)))
                .run("--spring.mongodb.uri=" + TestMongo.uri(),
                     "--server.port=0",
                     "--handraiser.event-log.database=" + eventLog,
                     "--handraiser.service.database=" + serviceDatabase,
                     "--handraiser.personal-data.key-database=" + keys,
                     "--handraiser.deadlines.poll-interval=100ms");
    }
}
