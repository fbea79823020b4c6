package io.handraiser.starter.deadletter;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.handraiser.starter.deadline.MongoDeadlineManager;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.starter.sample.SampleApplication;
import io.handraiser.starter.sample.SampleApplication.ReminderTrouble;
import io.handraiser.starter.sample.SampleApplication.TicketBoard;
import io.handraiser.testsupport.ServiceApi;
import io.handraiser.testsupport.TestMongo;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a projection cannot handle is parked with its cause while the projection goes on with everything else;
 * an admin sees it, retries it once the cause is fixed, or gives it up.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeadLetterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BOARD = "/api/admin/dead-letters/" + TicketBoard.GROUP;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("spring.application.name", () -> "sample");
        registry.add("handraiser.event-log.database", () -> TestMongo.freshDatabaseName("dead_letter_events"));
        registry.add("handraiser.service.database", () -> TestMongo.freshDatabaseName("dead_letter_service"));
    }

    @LocalServerPort
    int port;

    @Autowired
    TicketBoard board;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReminderTrouble reminderTrouble;

    @Autowired
    EventLogDatabases databases;

    private ServiceApi api;

    @BeforeEach
    void client() {
        api = new ServiceApi(port);
    }

    @Test
    void aRefusedEventIsParkedWhileTheOthersGoOnAndGoesThroughOnceTheCauseIsFixed() {
        String stuck = ticket("stuck");
        String alsoStuck = ticket("also-stuck");
        String first = ticket("first");
        String later = ticket("later");
        board.refused.add(stuck);
        board.refused.add(alsoStuck);

        open(stuck);
        open(first);
        close(stuck);
        open(alsoStuck);
        open(later);

        await().atMost(Duration.ofSeconds(30)).until(() -> board.placed.containsAll(List.of("opened " + first, "opened " + later)));
        JsonNode parked = await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get(BOARD, "admin")),
                                                                         page -> page.get("letters").asLong() == 3);
        assertThat(parked.get("sequences").asLong()).isEqualTo(2);
        JsonNode sequence = sequence(parked, stuck);
        assertThat(sequence.get("size").asLong()).isEqualTo(2);
        JsonNode opened = sequence.get("letters").get(0);
        assertThat(opened.get("eventType").asString()).isEqualTo(SampleApplication.TicketOpened.class.getName());
        assertThat(opened.get("aggregateId").asString()).isEqualTo(stuck);
        assertThat(opened.get("eventId").asString()).isNotBlank();
        assertThat(opened.get("cause").get("type").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(opened.get("cause").get("message").asString()).isEqualTo("the board has no room for ticket " + stuck);
        assertThat(opened.get("enqueuedAt").asString()).isNotBlank();
        JsonNode closed = sequence.get("letters").get(1);
        assertThat(closed.get("eventType").asString()).isEqualTo(SampleApplication.TicketClosed.class.getName());
        assertThat(closed.get("cause").isNull()).as("parked behind the refused one, not refused itself").isTrue();
        assertThat(board.placed).doesNotContain("closed " + stuck);
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge() == 3);

        JsonNode stillRefused = json(api.post(BOARD + "/retry?sequence=" + stuck, "admin"));

        assertThat(stillRefused.get("retried").asInt()).isEqualTo(1);
        assertThat(stillRefused.get("failed").asInt()).isEqualTo(1);
        JsonNode failedAgain = stillRefused.get("sequences").get(0);
        assertThat(failedAgain.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(failedAgain.get("lettersLeft").asLong()).isEqualTo(2);
        assertThat(failedAgain.get("cause").get("message").asString()).isEqualTo("the board has no room for ticket " + stuck);

        board.refused.clear();
        JsonNode fixed = json(api.post(BOARD + "/retry", "admin"));

        assertThat(fixed.get("retried").asInt()).isEqualTo(2);
        assertThat(fixed.get("processed").asInt()).isEqualTo(2);
        assertThat(fixed.get("sequencesLeft").asLong()).isZero();
        assertThat(board.placed).containsSubsequence("opened " + stuck, "closed " + stuck).contains("opened " + alsoStuck);
        assertThat(json(api.get(BOARD, "admin")).get("letters").asLong()).isZero();
        assertThat(gauge()).isZero();
        assertThat(meters.get(DeadLetterMetrics.RETRIES).tag("group", TicketBoard.GROUP).tag("outcome", "failed").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(DeadLetterMetrics.RETRIES).tag("group", TicketBoard.GROUP).tag("outcome", "processed").counter().count())
                .isEqualTo(2);
        assertThat(api.get("/actuator/prometheus", null).body()).contains("handraiser_dead_letters{").contains("group=\"ticket-board\"");
    }

    @Test
    void anEventThatFailedOnlyBecauseMongoDbWasAwayIsTriedAgainNotParked() {
        String unlucky = ticket("unlucky");
        board.mongoAwayOnce.add(unlucky);

        open(unlucky);

        await().atMost(Duration.ofSeconds(30)).until(() -> board.placed.contains("opened " + unlucky));
        assertThat(board.mongoAwayOnce).as("the first try failed").doesNotContain(unlucky);
        assertThat(sequenceSize(unlucky)).isZero();
    }

    @Test
    void aSagaWhoseHandlerFailedWhileMongoDbWasAwayIsTriedAgain() {
        String ticket = ticket("reminded");
        reminderTrouble.mongoAwayOnce.add(ticket);

        open(ticket);

        MongoCollection<Document> deadlines = databases.service().getCollection(MongoDeadlineManager.COLLECTION);
        await().atMost(Duration.ofSeconds(30))
               .until(() -> deadlines.countDocuments(Filters.regex("payload", Pattern.quote(ticket))) == 1);
        assertThat(reminderTrouble.mongoAwayOnce).as("the first try failed").doesNotContain(ticket);
    }

    @Test
    void everyGroupThatDeadLettersIsListedAndSagasAreNot() {
        JsonNode groups = json(api.get("/api/admin/dead-letters", "admin")).get("groups");

        assertThat(groups.findValuesAsString("group")).contains(TicketBoard.GROUP, "ticket-audit").doesNotContain("TicketReminderProcessor");
    }

    @Test
    void aSequenceGivenUpIsNeverHandled() {
        String hopeless = ticket("hopeless");
        board.refused.add(hopeless);
        open(hopeless);
        await().atMost(Duration.ofSeconds(30)).until(() -> sequenceSize(hopeless) == 1);

        HttpResponse<String> evicted = api.delete(BOARD + "?sequence=" + hopeless, "admin");

        assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(200);
        assertThat(json(evicted).get("letters").asLong()).isEqualTo(1);
        assertThat(sequenceSize(hopeless)).isZero();
        assertThat(board.placed).doesNotContain("opened " + hopeless);
        assertThat(api.post(BOARD + "/retry?sequence=" + hopeless, "admin").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAnAdminSeesRetriesOrGivesUpDeadLetters() {
        for (String role : new String[]{"automation", "marketing", "sales", "analyst", "auditor"}) {
            assertProblem(api.get("/api/admin/dead-letters", role), 403);
            assertProblem(api.post(BOARD + "/retry", role), 403);
            assertProblem(api.delete(BOARD + "?sequence=x", role), 403);
        }
        assertProblem(api.get("/api/admin/dead-letters", null), 401);
    }

    @Test
    void anUnknownGroupOrSequenceIs404AndGivingUpWithoutASequenceIs400() {
        HttpResponse<String> unknownGroup = api.get("/api/admin/dead-letters/no-such-group", "admin");
        HttpResponse<String> saga = api.post("/api/admin/dead-letters/TicketReminderProcessor/retry", "admin");
        HttpResponse<String> unknownSequence = api.post(BOARD + "/retry?sequence=" + ticket("never"), "admin");
        HttpResponse<String> wholeGroup = api.delete(BOARD, "admin");
        HttpResponse<String> hugePage = api.get(BOARD + "?limit=100000", "admin");

        assertProblem(unknownGroup, 404);
        assertThat(unknownGroup.body()).contains(TicketBoard.GROUP);
        assertProblem(saga, 404);
        assertProblem(unknownSequence, 404);
        assertProblem(wholeGroup, 400);
        assertThat(wholeGroup.body()).contains("\"field\":\"sequence\"");
        assertProblem(hugePage, 400);
    }

    private void open(String ticket) {
        HttpResponse<String> opened = api.post("/api/tickets/" + ticket, "automation", "{\"title\":\"printer\",\"priority\":1}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    }

    private void close(String ticket) {
        HttpResponse<String> closed = api.post("/api/tickets/" + ticket + "/close", "automation", "");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    }

    private long sequenceSize(String ticket) {
        JsonNode sequence = sequence(json(api.get(BOARD + "?limit=200", "admin")), ticket);
        return sequence == null ? 0 : sequence.get("size").asLong();
    }

    private double gauge() {
        return meters.get(DeadLetterMetrics.LETTERS).tag("group", TicketBoard.GROUP).gauge().value();
    }

    private static JsonNode sequence(JsonNode page, String ticket) {
        for (JsonNode sequence : page.get("items")) {
            if (sequence.get("sequence").asString().equals(ticket)) {
                return sequence;
            }
        }
        return null;
    }

    private static String ticket(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
