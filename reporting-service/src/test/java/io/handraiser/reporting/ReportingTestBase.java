package io.handraiser.reporting;

import com.mongodb.client.model.Filters;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.generation.Generation;
import io.handraiser.reporting.generation.Generations;
import io.handraiser.reporting.projection.Facts;
import io.handraiser.reporting.projection.ScoreFact;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * reporting-service on databases of its own, fed by events published straight into the event log as the other
 * services would have written them. Each test class registers its own databases (see {@link #isolate}), so its
 * figures count only its own history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ReportingTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    Generations generations;

    /** Call from a {@code @DynamicPropertySource} method of each test class: a class of its own gets its own context. */
    static void isolate(DynamicPropertyRegistry registry, String prefix) {
        String events = TestMongo.freshDatabaseName(prefix + "_events");
        String service = TestMongo.freshDatabaseName(prefix + "_reporting");
        String keys = TestMongo.freshDatabaseName(prefix + "_keys");
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("handraiser.event-log.database", () -> events);
        registry.add("handraiser.service.database", () -> service);
        registry.add("handraiser.personal-data.key-database", () -> keys);
    }

    Api api() {
        return new Api(port);
    }

    /** Appends the events, many contacts per commit as a busy log would hold them. */
    void publish(Collection<? extends EventMessage<?>> events) {
        List<EventMessage<?>> commit = new ArrayList<>();
        for (EventMessage<?> event : events) {
            commit.add(event);
            if (commit.size() == 200) {
                eventStore.publish(commit);
                commit.clear();
            }
        }
        if (!commit.isEmpty()) {
            eventStore.publish(commit);
        }
    }

    /** Publishes and waits until the live projection has stored a step for every event reports use. */
    void publishAndAwait(List<? extends DomainEventMessage<?>> events) {
        long before = storedSteps(generations.active());
        publish(events);
        long expected = before + events.stream().filter(event -> Facts.HANDLED.contains(event.getPayloadType()))
                                       .filter(event -> !(event.getPayload() instanceof LeadScoreChanged)).count();
        awaitSteps(expected);
        Map<String, Long> latest = new HashMap<>();
        events.stream().filter(event -> event.getPayload() instanceof LeadScoreChanged)
              .forEach(event -> latest.merge(((LeadScoreChanged) event.getPayload()).contactId().toString(), event.getSequenceNumber(), Math::max));
        awaitScores(latest);
    }

    /** Waits until each contact's stored latest score is the one at {@code latestSequence} of its score stream, or later. */
    void awaitScores(Map<String, Long> latestSequence) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Long> stored = new HashMap<>();
            for (Document contact : generations.active().collection(FactKind.CONTACTS).find(Filters.exists(Facts.LATEST_SCORE))
                                               .projection(new Document(Facts.LATEST_SCORE, 1))) {
                stored.put(contact.getString("_id"), ScoreFact.decode(contact.get("scores", Document.class).getString("latest")).sequence());
            }
            return latestSequence.entrySet().stream().allMatch(entry -> stored.getOrDefault(entry.getKey(), -1L) >= entry.getValue());
        });
    }

    void awaitSteps(long expected) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
               .until(() -> storedSteps(generations.active()) == expected);
    }

    /** Every contact and handoff step stored in {@code generation}: one per event that feeds reports. */
    static long storedSteps(Generation generation) {
        long steps = 0;
        for (FactKind kind : List.of(FactKind.CONTACTS, FactKind.HANDOFFS)) {
            for (Document document : generation.collection(kind).find().projection(new Document("steps", 1))) {
                Document stored = document.get("steps", Document.class);
                steps += stored == null ? 0 : stored.size();
            }
        }
        return steps;
    }

    JsonNode get(String path, String role) {
        HttpResponse<String> response = api().get(path, role);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
