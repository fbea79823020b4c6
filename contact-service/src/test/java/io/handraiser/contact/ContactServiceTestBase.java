package io.handraiser.contact;

import io.handraiser.testsupport.TestMongo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** contact-service on its own databases of the test MongoDB, reached over HTTP like any client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ContactServiceTestBase {

    static final String EVENT_LOG = TestMongo.freshDatabaseName("contact_test_events");
    static final String SERVICE_DATABASE = TestMongo.freshDatabaseName("contact_test");
    static final String KEY_DATABASE = TestMongo.freshDatabaseName("contact_test_keys");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MAUTIC_SECRET = "mautic-webhook-secret-for-tests";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("handraiser.event-log.database", () -> EVENT_LOG);
        registry.add("handraiser.service.database", () -> SERVICE_DATABASE);
        registry.add("handraiser.personal-data.key-database", () -> KEY_DATABASE);
        registry.add("handraiser.integrations.mautic.secret", () -> MAUTIC_SECRET);
        registry.add("handraiser.integrations.mautic.form-engagements.demo-request", () -> "DEMO_REQUESTED");
        registry.add("handraiser.integrations.mautic.webhook.chunk-events", () -> "50");
        registry.add("handraiser.integrations.mautic.webhook.poll-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;

    Api api() {
        return new Api(port);
    }

    /** The contact's read model once it satisfies {@code condition}; the view follows the log within moments. */
    JsonNode awaitView(String id, Predicate<JsonNode> condition) {
        return awaitView(id, condition, Duration.ofSeconds(20));
    }

    /** @param patience longer for a rebuild, which replays every test's events in the shared log first */
    JsonNode awaitView(String id, Predicate<JsonNode> condition, Duration patience) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(patience).until(() -> {
            HttpResponse<String> response = api().get("/api/contacts/" + id, "sales");
            if (response.statusCode() != 200) {
                return false;
            }
            found[0] = json(response.body());
            return condition.test(found[0]);
        });
        return found[0];
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
