package io.handraiser.scoring;

import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** scoring-service on fresh databases of the test MongoDB, fed contact events through the shared log, reached over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                classes = {ScoringServiceApplication.class, ScoringServiceTestBase.Clocks.class})
public abstract class ScoringServiceTestBase {

    static final String EVENT_LOG = TestMongo.freshDatabaseName("scoring_test_events");
    static final String SERVICE_DATABASE = TestMongo.freshDatabaseName("scoring_test");
    static final String KEY_DATABASE = TestMongo.freshDatabaseName("scoring_test_keys");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("handraiser.event-log.database", () -> EVENT_LOG);
        registry.add("handraiser.service.database", () -> SERVICE_DATABASE);
        registry.add("handraiser.personal-data.key-database", () -> KEY_DATABASE);
        registry.add("handraiser.event-log.fetch-delay", () -> "20ms");
        registry.add("handraiser.scoring.deadline-poll-interval", () -> "100ms");
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
    TestClock clock;

    @Autowired
    EventStore eventStore;

    ContactLog contacts;

    Api api() {
        return new Api(port);
    }

    ContactLog contacts() {
        if (contacts == null) {
            contacts = new ContactLog(eventStore, clock);
        }
        return contacts;
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
