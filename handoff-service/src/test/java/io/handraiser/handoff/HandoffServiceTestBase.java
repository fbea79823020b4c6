package io.handraiser.handoff;

import com.mongodb.client.model.Filters;
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
import io.handraiser.handoff.inbox.ContactCards;
import io.handraiser.starter.deadline.MongoDeadlineManager;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * handoff-service on fresh databases of the test MongoDB, fed through the event log the way contact-service feeds
 * it, read over HTTP, with a local CRM receiver. One application context for every class that extends this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HandoffServiceTestBase {

    static final String EVENT_LOG = TestMongo.freshDatabaseName("handoff_test_events");
    static final String SERVICE_DATABASE = TestMongo.freshDatabaseName("handoff_test");
    public static final String CRM_SECRET = "crm-shared-secret-for-tests";
    public static final int CRM_ATTEMPTS = 3;
    protected static final CrmReceiver CRM = CrmReceiver.start();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Actor SCORING = Actor.system("scoring-service", "b2b-1");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("handraiser.event-log.database", () -> EVENT_LOG);
        registry.add("handraiser.service.database", () -> SERVICE_DATABASE);
        registry.add("handraiser.personal-data.key-database", () -> TestMongo.freshDatabaseName("handoff_test_keys"));
        registry.add("handraiser.handoff.inbox.heartbeat", () -> "200ms");
        registry.add("handraiser.handoff.crm.url", CRM::url);
        registry.add("handraiser.handoff.crm.secret", () -> CRM_SECRET);
        registry.add("handraiser.handoff.crm.attempts", () -> CRM_ATTEMPTS);
        registry.add("handraiser.handoff.crm.base-delay", () -> "100ms");
        registry.add("handraiser.handoff.crm.max-delay", () -> "1s");
        registry.add("handraiser.handoff.crm.poll-interval", () -> "50ms");
        registry.add("handraiser.handoff.crm.connect-timeout", () -> "1s");
        registry.add("handraiser.handoff.crm.request-timeout", () -> "2s");
        registry.add("handraiser.handoff.crm.lease", () -> "5s");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    ContactCards cards;

    protected Api api() {
        return new Api(port);
    }

    protected void publish(ContactId contact, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Contact", contact.toString(), sequence, event));
    }

    /**
     * A captured lead from {@code country} and its MQL decision by the scoring model, at {@code at}. Routing reads
     * the contact's country from the contact cards, so the decision follows once the card shows the capture, as it
     * does in life, where a capture and its qualification are rarely milliseconds apart.
     */
    protected void capturedAndMarkedMql(ContactId contact, String lastName, String country, String tier, Instant at) {
        publish(contact, 0, new ContactCaptured(contact, new Email(lastName.toLowerCase() + "-" + contact + "@example.org"),
                                                new Profile("Kim", lastName, "Acme", "Head of IT", "Software", 300, country, null),
                                                Source.of("hubspot"), Stage.LEAD, Actor.person("automation-user"), at));
        awaitCard(contact);
        publish(contact, 1, new MarkedMQL(contact, Stage.LEAD, Tier.of(tier), "score 105", evidence(), SCORING, at));
    }

    protected void awaitCard(ContactId contact) {
        await().atMost(Duration.ofSeconds(20)).until(() -> cards.find(contact).isPresent());
    }

    protected static Evidence evidence() {
        return Evidence.scored(40, 65, List.of(new Signal("pricing-visits", 30, "3 visits"), new Signal("industry-software", 40, null),
                                               new Signal("guide-download", 35, "buyers-guide")));
    }

    protected void rep(String id, String json) {
        HttpResponse<String> saved = api().put("/api/reps/" + id, "admin", json);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    /** The handoff's reminder and escalation still to fire; other tests' handoffs share the collection. */
    protected static long pendingDeadlinesOf(String handoffId) {
        return TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection(MongoDeadlineManager.COLLECTION)
                        .countDocuments(Filters.regex("payload", handoffId));
    }

    protected JsonNode inbox(String rep) {
        HttpResponse<String> response = api().get("/api/inbox", "sales", rep);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
