package io.handraiser.handoff;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.shared.Actor;
import io.handraiser.starter.deadline.MongoDeadlineManager;
import io.handraiser.testsupport.TestMongo;
import io.handraiser.testsupport.TestTokens;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** handoff-service on MongoDB, fed through the event log the way contact-service feeds it, read over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandoffServiceTest {

    static final String EVENT_LOG = TestMongo.freshDatabaseName("handoff_test_events");
    static final String SERVICE_DATABASE = TestMongo.freshDatabaseName("handoff_test");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Actor SCORING = Actor.system("scoring-service", "b2b-1");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("handraiser.event-log.database", () -> EVENT_LOG);
        registry.add("handraiser.service.database", () -> SERVICE_DATABASE);
        registry.add("handraiser.personal-data.key-database", () -> TestMongo.freshDatabaseName("handoff_test_keys"));
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoDeadlineManager deadlines;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anMqlReachesTheRoutedRepsInboxWithItsEvidenceAndLeavesItWhenAccepted() throws Exception {
        assertThat(put("/api/reps/rep-de", "admin",
                       "{\"name\":\"Dora\",\"territories\":[\"de\"],\"tiers\":[\"A\"],\"capacity\":5}").statusCode()).isEqualTo(200);
        assertThat(put("/api/reps/rep-any", "admin", "{\"name\":\"Any\",\"capacity\":5}").statusCode()).isEqualTo(200);
        ContactId contact = ContactId.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(contact, 0, new ContactCaptured(contact, new Email("greta@example.de"),
                                                new Profile("Greta", "Gruber", "Acme GmbH", "Head of IT", "Software", 300, "DE", null),
                                                Source.of("hubspot"), Stage.LEAD, Actor.person("automation-user"), now));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/reps/rep-de", "sales").statusCode() == 200);
        Evidence evidence = Evidence.scored(40, 65, List.of(new Signal("pricing-visits", 30, "3 visits"), new Signal("industry-software", 40, null),
                                                            new Signal("guide-download", 35, "buyers-guide")));
        publish(contact, 1, new MarkedMQL(contact, Stage.LEAD, Tier.of("A"), "score 105", evidence, SCORING, now));

        JsonNode item = await().atMost(Duration.ofSeconds(20)).until(() -> inbox("rep-de"), items -> items.size() == 1).get(0);
        assertThat(item.get("contactId").asText()).isEqualTo(contact.toString());
        assertThat(item.path("contact").path("lastName").asText()).isEqualTo("Gruber");
        assertThat(item.path("evidence").path("score").asInt()).isEqualTo(105);
        assertThat(item.path("evidence").path("signals").size()).isEqualTo(3);
        assertThat(item.get("sla").asText()).isEqualTo("ON_TRACK");
        assertThat(Duration.between(now, Instant.parse(item.get("dueAt").asText()))).isEqualTo(Duration.ofHours(4));
        assertThat(inbox("rep-any").size()).as("the more specific rep wins").isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending() == 2);

        publish(contact, 2, new AcceptedAsSQL(contact, null, Actor.person("rep-de"), now.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox("rep-de").isEmpty() && deadlines.pending() == 0);
    }

    @Test
    void aRepWithBadSettingsIsRefusedFieldByFieldAndOnlyAdminsSetReps() {
        HttpResponse<String> bad = put("/api/reps/rep-x", "admin", "{\"territories\":[\"Germany\"],\"capacity\":0}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(bad.body()).contains("name", "territories", "capacity");
        assertThat(get("/api/reps/rep-x", "sales").statusCode()).isEqualTo(404);
        assertThat(put("/api/reps/rep-x", "sales", "{\"name\":\"X\",\"capacity\":3}").statusCode()).isEqualTo(403);
    }

    private void publish(ContactId contact, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Contact", contact.toString(), sequence, event));
    }

    private JsonNode inbox(String rep) {
        HttpResponse<String> response = get("/api/inbox", "sales", rep);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> put(String path, String role, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).PUT(HttpRequest.BodyPublishers.ofString(body)),
                    TestTokens.bearer(role + "-user", role));
    }

    private HttpResponse<String> get(String path, String role) {
        return get(path, role, role + "-user");
    }

    private HttpResponse<String> get(String path, String role, String subject) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), TestTokens.bearer(subject, role));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
        try {
            return http.send(request.header("Content-Type", "application/json").header("Authorization", authorization).build(),
                             HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
