package io.handraiser.journey;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Profile;
import io.handraiser.scoring.Api;
import io.handraiser.scoring.ContactLog;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static io.handraiser.journey.EngagementToMqlJourneyTest.JSON;
import static io.handraiser.journey.EngagementToMqlJourneyTest.awaitMarkedMql;
import static io.handraiser.journey.EngagementToMqlJourneyTest.capture;
import static io.handraiser.journey.EngagementToMqlJourneyTest.engage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Prints, does not judge: how many engagements scoring-service scores per second, and how long an engagement
 * takes to become a {@code MarkedMQL} across both services (p50, p99), on whatever MongoDB the tests use (the
 * embedded server on a bare machine). Sizes: {@code -Dbenchmark.engagements} (default 2,000) and
 * {@code -Dbenchmark.mqls} (default 30). Asserts only that the work was done.
 */
class ScoringBenchmark {

    static final int ENGAGEMENTS = Integer.getInteger("benchmark.engagements", 2_000);
    static final int MQLS = Integer.getInteger("benchmark.mqls", 30);
    static final int ENGAGEMENTS_PER_CONTACT = 10;
    static TwoServices services;

    @BeforeAll
    static void start() {
        services = new TwoServices("benchmark");
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    /** Engagements appended straight into the log, as a burst from marketing automation lands there. */
    @Test
    void engagementsScoredPerSecond() {
        ContactLog log = new ContactLog(services.scoring.getBean(EventStore.class), Clock.systemUTC());
        int contacts = Math.max(1, ENGAGEMENTS / ENGAGEMENTS_PER_CONTACT);
        List<ContactId> ids = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            ids.add(log.capture("bench-" + i + "-" + UUID.randomUUID() + "@example.org",
                                new Profile(null, null, null, "Analyst", "Retail", 20, "BR", null)));
        }
        awaitApplied(ids, 0);
        // scoring pauses while the burst is appended, so the figure is scoring's own pace, not the log's append rate
        EventProcessor processor = services.scoring.getBean(EventProcessingConfiguration.class).eventProcessor("lead-scores").orElseThrow();
        processor.shutDown();

        long appendStarted = System.nanoTime();
        EngagementType[] types = {EngagementType.PAGE_VIEW, EngagementType.EMAIL_CLICKED, EngagementType.WEBINAR_ATTENDED, EngagementType.EMAIL_OPENED};
        for (int round = 0; round < ENGAGEMENTS_PER_CONTACT; round++) {
            for (ContactId id : ids) {
                EngagementType type = types[round % types.length];
                log.engagement(id, type, type.equals(EngagementType.PAGE_VIEW) ? EngagementDetail.page("https://x.example/pricing") : null, Instant.now());
            }
        }
        double appendedSeconds = (System.nanoTime() - appendStarted) / 1e9;
        long started = System.nanoTime();
        processor.start();
        awaitApplied(ids, ENGAGEMENTS_PER_CONTACT);
        double seconds = (System.nanoTime() - started) / 1e9;

        int engagements = contacts * ENGAGEMENTS_PER_CONTACT;
        System.out.printf(Locale.ROOT, "scoring-service on %s: %d engagements of %d contacts (appended beforehand in %.1f s) scored in %.1f s: %.0f engagements/s%n",
                          TestMongo.source(), engagements, contacts, appendedSeconds, seconds, engagements / seconds);
    }

    /** One contact at a time, so the figures are latency and not queueing; measured between the events' own times. */
    @Test
    void engagementToMarkedMqlLatency() {
        Api contacts = services.contactApi();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < MQLS; i++) {
            String id = capture(contacts, "lat-" + i + "-" + UUID.randomUUID() + "@acme.io", "Head of Marketing", "Software");
            engage(contacts, id, "DEMO_REQUESTED", null, Instant.now());
            JsonNode mql = awaitMarkedMql(contacts, id, Duration.ofSeconds(30));
            Instant recorded = null;
            for (JsonNode entry : JSON.readTree(contacts.get("/api/contacts/" + id + "/history", "auditor").body()).get("events")) {
                if (entry.get("type").asText().equals("EngagementRecorded")) {
                    recorded = Instant.parse(entry.get("at").asText());
                }
            }
            millis.add(Duration.between(recorded, Instant.parse(mql.get("at").asText())).toMillis());
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "engagement recorded to MarkedMQL across contact-service and scoring-service on %s, %d contacts: "
                                       + "p50 %d ms, p99 %d ms, max %d ms%n",
                          TestMongo.source(), millis.size(), percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1));
        assertThat(millis).hasSize(MQLS);
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void awaitApplied(List<ContactId> ids, long lastSequence) {
        String database = services.scoring.getEnvironment().getRequiredProperty("handraiser.service.database");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(
                () -> TestMongo.client().getDatabase(database).getCollection("lead_scores")
                               .countDocuments(new Document("lastSequence", lastSequence)) == ids.size());
    }
}
