package io.handraiser.scoring;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.scoring.scores.DecayDeadlines;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A decay deadline is stored with its score, so it outlives the process: pricing-visit points that leave their
 * 14-day window while the service is down are taken off, and the change stated once, after it comes back.
 */
class DecayDeadlineRestartTest {

    private final String eventLog = TestMongo.freshDatabaseName("decay_events");
    private final String database = TestMongo.freshDatabaseName("decay_scoring");
    private final String keys = TestMongo.freshDatabaseName("decay_keys");
    private final TestClock clock = new TestClock();

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ScoringServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run("--server.port=0", "--spring.mongodb.uri=" + TestMongo.uri(), "--handraiser.service.database=" + database,
                     "--handraiser.event-log.database=" + eventLog, "--handraiser.personal-data.key-database=" + keys,
                     "--handraiser.event-log.fetch-delay=20ms", "--handraiser.scoring.deadline-poll-interval=100ms",
                     "--logging.level.root=WARN");
    }

    private static List<Integer> engagementStated(ContactLog log, ContactId id) {
        return log.scoringFacts(id).stream().filter(LeadScoreChanged.class::isInstance)
                  .map(fact -> ((LeadScoreChanged) fact).evidence().engagement()).toList();
    }

    @Test
    void pointsThatExpireWhileTheServiceIsDownAreTakenOffAfterItRestarts() {
        ContactId ada;
        Instant visited;
        try (ConfigurableApplicationContext first = start()) {
            ContactLog log = new ContactLog(first.getBean(EventStore.class), clock);
            ada = log.captureHeadOfMarketing();
            visited = clock.instant();
            log.pricingVisit(ada);
            await().atMost(Duration.ofSeconds(20)).until(() -> engagementStated(log, ada), stated -> stated.equals(List.of(0, 15)));
        }
        Document stored = TestMongo.client().getDatabase(database).getCollection("lead_scores").find(new Document("_id", ada.toString())).first();
        assertThat(stored.getDate("dueAt").toInstant()).isCloseTo(visited.plus(Duration.ofDays(14)), within(5, ChronoUnit.SECONDS));

        clock.advance(Duration.ofDays(15));
        try (ConfigurableApplicationContext second = start()) {
            ContactLog log = new ContactLog(second.getBean(EventStore.class), clock);

            List<Integer> stated = await().atMost(Duration.ofSeconds(20)).until(() -> engagementStated(log, ada), all -> all.size() == 3);

            assertThat(stated).containsExactly(0, 15, 0);
            List<LeadScoreEvent> facts = log.scoringFacts(ada);
            assertThat(facts.get(facts.size() - 1).at()).isAfter(visited.plus(Duration.ofDays(15)));
            Document after = TestMongo.client().getDatabase(database).getCollection("lead_scores").find(new Document("_id", ada.toString())).first();
            assertThat(after.get("dueAt")).isNull();
            assertThat(after.get("claimedUntil")).isNull();
            assertThat(second.getBean(DecayDeadlines.class).handleDue()).isZero();
            assertThat(engagementStated(log, ada)).containsExactly(0, 15, 0);
        }
    }
}
