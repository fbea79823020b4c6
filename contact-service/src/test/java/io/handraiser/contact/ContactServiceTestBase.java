package io.handraiser.contact;

import io.handraiser.testsupport.TestMongo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** contact-service on its own databases of the test MongoDB, reached over HTTP like any client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ContactServiceTestBase {

    static final String EVENT_LOG = TestMongo.freshDatabaseName("contact_test_events");
    static final String SERVICE_DATABASE = TestMongo.freshDatabaseName("contact_test");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("handraiser.event-log.database", () -> EVENT_LOG);
        registry.add("handraiser.service.database", () -> SERVICE_DATABASE);
    }

    @LocalServerPort
    int port;

    Api api() {
        return new Api(port);
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
