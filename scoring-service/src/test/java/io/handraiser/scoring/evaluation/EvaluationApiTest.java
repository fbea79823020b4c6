package io.handraiser.scoring.evaluation;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.handraiser.scoring.Api;
import io.handraiser.scoring.ScoringServiceApplication;
import io.handraiser.scoring.TestClock;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.starter.privacy.SubjectKeys;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Evaluations and calibrations through the service's API, on a log of its own holding a planted history. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                classes = {ScoringServiceApplication.class, EvaluationApiTest.Clocks.class})
class EvaluationApiTest {

    static final String EVENT_LOG = TestMongo.freshDatabaseName("evaluation_api_events");
    static final String SERVICE_DATABASE = TestMongo.freshDatabaseName("evaluation_api");
    static final String KEY_DATABASE = TestMongo.freshDatabaseName("evaluation_api_keys");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PlantedHistory HISTORY = PlantedHistory.generate(120, 11);
    static boolean written;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("handraiser.event-log.database", () -> EVENT_LOG);
        registry.add("handraiser.service.database", () -> SERVICE_DATABASE);
        registry.add("handraiser.personal-data.key-database", () -> KEY_DATABASE);
        registry.add("handraiser.event-log.fetch-delay", () -> "20ms");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        TestClock clock() {
            return new TestClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    SubjectKeys keys;

    @Autowired
    EventLogDatabases databases;

    @Autowired
    EventProcessingConfiguration processing;

    @BeforeEach
    void writeTheHistoryOnce() {
        if (written) {
            return;
        }
        List<EventMessage<?>> commit = new ArrayList<>();
        for (ContactEventLog.Recorded recorded : HISTORY.events) {
            commit.add(EventLogOnMongo.message(recorded.event(), recorded.sequence()));
            if (commit.size() == 25) {
                eventStore.publish(commit);
                commit = new ArrayList<>();
            }
        }
        eventStore.publish(commit);
        HISTORY.erased.forEach(id -> keys.erase(id.value().toString()));
        written = true;
    }

    Api api() {
        return new Api(port);
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    static String body(String model) {
        return "{\"model\": " + model + "}";
    }

    JsonNode awaitDone(HttpResponse<String> started) {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(json(started.body()).get("id").asText()).isNotBlank();
        return await().atMost(Duration.ofMinutes(2)).until(() -> json(api().get(location, "analyst").body()),
                                                           job -> !List.of("QUEUED", "RUNNING").contains(job.get("state").asText()));
    }

    @Test
    void anEvaluationRunsInTheBackgroundUntilItsReportIsDone() {
        JsonNode job = awaitDone(api().post("/api/scoring/evaluations", "marketing", body(PlantedHistory.SIGNAL_MODEL)));

        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("model").get("name").asText()).isEqualTo("pricing focus");
        assertThat(job.get("requestedBy").asText()).isEqualTo("marketing-user");
        JsonNode report = job.get("result");
        assertThat(report.get("eventsRead").asLong()).isEqualTo(HISTORY.events.size());
        assertThat(report.get("contacts").asLong()).isEqualTo(HISTORY.kinds.size());
        assertThat(report.get("candidate").get("precision").asDouble()).isGreaterThan(0.8);
        assertThat(report.get("actual").get("qualified").asLong()).isPositive();
        assertThat(report.get("rules").get(0).get("rule").asText()).isEqualTo("pricing-page-visit");
        assertThat(job.get("eventsRead").asLong()).isEqualTo(HISTORY.events.size());
    }

    @Test
    void aStoredVersionCanBeEvaluatedAndTheSameInputGivesTheSameReport() {
        JsonNode first = awaitDone(api().post("/api/scoring/evaluations", "admin", "{\"modelVersion\": 1, \"from\": \"2026-01-01T00:00:00Z\"}"));
        JsonNode second = awaitDone(api().post("/api/scoring/evaluations", "marketing", "{\"modelVersion\": 1, \"from\": \"2026-01-01T00:00:00Z\"}"));

        assertThat(first.get("state").asText()).isEqualTo("DONE");
        assertThat(first.get("model").get("version").asInt()).isEqualTo(1);
        assertThat(second.get("result")).isEqualTo(first.get("result"));
    }

    @Test
    void aBadRequestIsRefusedWithEveryProblemAndStoresNothing() {
        long before = databases.service().getCollection(Evaluations.COLLECTION).countDocuments();
        String model = """
                {"name": "broken", "engagement": [{"name": "x", "type": "PAGE_VIEW", "points": 0}], "tiers": [{"name": "A", "minFit": "high", "minTotal": 10}]}
                """;

        HttpResponse<String> response = api().post("/api/scoring/evaluations", "marketing",
                                                    "{\"model\": " + model + ", \"to\": \"yesterday\", \"colour\": 1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        json(response.body()).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).contains("model.engagement[0].points", "model.tiers[0].minFit", "to", "colour");
        assertThat(api().post("/api/scoring/evaluations", "marketing", "{\"modelVersion\": 999}").statusCode()).isEqualTo(400);
        assertThat(api().post("/api/scoring/calibrations", "marketing", "{\"modelVersion\": 1, \"targetPrecision\": 2}").statusCode())
                .isEqualTo(400);
        assertThat(databases.service().getCollection(Evaluations.COLLECTION).countDocuments()).isEqualTo(before);
    }

    @Test
    void anUnknownJobIsNotFoundAndOnlyMarketingStartsOne() {
        HttpResponse<String> missing = api().get("/api/scoring/evaluations/no-such-job", "analyst");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(api().get("/api/scoring/calibrations/no-such-job", "marketing").statusCode()).isEqualTo(404);
        assertThat(api().post("/api/scoring/evaluations", "analyst", "{\"modelVersion\": 1}").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/scoring/evaluations", "sales").statusCode()).isEqualTo(403);
    }

    @Test
    void jobsAreListedNewestFirstAPageAtATime() {
        awaitDone(api().post("/api/scoring/evaluations", "marketing", "{\"modelVersion\": 1}"));
        awaitDone(api().post("/api/scoring/evaluations", "marketing", body(PlantedHistory.NOISE_MODEL)));

        JsonNode page = json(api().get("/api/scoring/evaluations?limit=1", "analyst").body());
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("result").isNull()).isTrue();
        JsonNode next = json(api().get("/api/scoring/evaluations?limit=1&before=" + page.get("next").asText(), "analyst").body());
        assertThat(next.get("items").get(0).get("id").asText()).isLessThan(page.get("items").get(0).get("id").asText());
        assertThat(api().get("/api/scoring/evaluations?limit=0", "analyst").statusCode()).isEqualTo(400);
    }

    @Test
    void anEvaluationChangesNoScoreNoEventAndNoOtherCollection() {
        StreamingEventProcessor scoring = processing.eventProcessor("lead-scores", StreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofMinutes(3)).until(() -> databases.service().getCollection("lead_scores").countDocuments() == HISTORY.kinds.size()
                                                          && scoring.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
        scoring.shutDown();
        try {
            Map<String, List<String>> before = everything();
            assertThat(before.get(SERVICE_DATABASE + ".lead_scores")).hasSize(HISTORY.kinds.size());

            JsonNode job = awaitDone(api().post("/api/scoring/evaluations", "marketing", body(PlantedHistory.SIGNAL_MODEL)));

            assertThat(job.get("state").asText()).isEqualTo("DONE");
            assertThat(everything()).isEqualTo(before);
        } finally {
            scoring.start();
        }
    }

    @Test
    void aCalibrationStoresADraftThatCanBeEvaluatedLikeAnyOther() {
        JsonNode job = awaitDone(api().post("/api/scoring/calibrations", "marketing",
                                            "{\"model\": " + PlantedHistory.FLAT_MODEL + ", \"targetPrecision\": 0.8}"));

        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("settings").get("targetPrecision").asDouble()).isEqualTo(0.8);
        JsonNode result = job.get("result");
        System.out.printf("calibration through the API: validation %s%n", result.get("report").get("validation"));
        int draft = result.get("draftVersion").asInt();
        JsonNode model = json(api().get("/api/scoring/models/" + draft, "analyst").body());
        assertThat(model.get("status").asText()).isEqualTo("DRAFT");
        assertThat(model.get("name").asText()).isEqualTo("flat (calibrated)");
        JsonNode evaluation = awaitDone(api().post("/api/scoring/evaluations", "marketing", "{\"modelVersion\": " + draft + "}"));
        assertThat(evaluation.get("state").asText()).isEqualTo("DONE");
    }

    /**
     * Every document of every collection in the log, scoring's database and the keys, but the evaluations' and the
     * instances' heartbeats (the starter's segment share), which tick on their own whatever the evaluation does.
     */
    private Map<String, List<String>> everything() {
        Map<String, List<String>> all = new TreeMap<>();
        for (MongoDatabase database : List.of(databases.eventLog(), databases.service(), TestMongo.client().getDatabase(KEY_DATABASE))) {
            for (String collection : database.listCollectionNames()) {
                if (collection.equals(Evaluations.COLLECTION) || collection.equals("processing_instances")) {
                    continue;
                }
                List<String> documents = new ArrayList<>();
                for (Document document : database.getCollection(collection).find().sort(Sorts.ascending("_id"))) {
                    documents.add(document.toJson());
                }
                all.put(database.getName() + "." + collection, documents);
            }
        }
        return all;
    }
}
