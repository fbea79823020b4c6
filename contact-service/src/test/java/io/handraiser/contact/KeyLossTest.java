package io.handraiser.contact;

import com.mongodb.client.model.Filters;
import io.handraiser.contact.query.ContactProjection;
import io.handraiser.starter.privacy.SubjectKeys;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key lost by accident (not erased) must cost only that contact's personal data: the projection rebuilds every
 * other contact in full, and nothing lands in the dead-letter queue. Keys are not cached here, so the loss is
 * seen at once.
 */
@TestPropertySource(properties = "handraiser.personal-data.key-cache-time=0s")
class KeyLossTest extends ContactServiceTestBase {

    /** The rebuild replays every event of the log shared with the other test classes, reading each key anew. */
    private static final Duration REBUILD = Duration.ofSeconds(180);

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void losingOneContactsKeyNeverStopsTheOthers() throws Exception {
        String lostEmail = "lost-" + UUID.randomUUID() + "@example.com";
        String keptEmail = "kept-" + UUID.randomUUID() + "@example.com";
        String lost = capture(lostEmail);
        String kept = capture(keptEmail);
        awaitView(lost, view -> view.has("email"));
        awaitView(kept, view -> view.has("email"));

        TestMongo.client().getDatabase(KEY_DATABASE).getCollection(SubjectKeys.COLLECTION).deleteOne(Filters.eq("_id", lost));
        StreamingEventProcessor projection = processing.eventProcessor(ContactProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                                                       .orElseThrow();
        projection.shutdownAsync().get(30, TimeUnit.SECONDS);
        projection.resetTokens();
        projection.start();
        for (String id : new String[]{lost, kept}) {
            HttpResponse<String> visit = api().post("/api/contacts/" + id + "/engagements", "automation",
                    "{\"engagementId\":\"after-loss\",\"type\":\"PAGE_VIEW\",\"occurredAt\":\"2026-11-22T09:00:00Z\","
                    + "\"detail\":{\"url\":\"https://acme.test/pricing\"}}");
            assertThat(visit.statusCode()).as(visit.body()).isEqualTo(202);
        }

        JsonNode keptView = awaitView(kept, view -> view.path("engagements").path("total").asInt() == 1, REBUILD);
        assertThat(keptView.path("email").asText()).isEqualTo(keptEmail);
        assertThat(keptView.path("profile").path("lastName").asText()).isEqualTo("Lovelace");
        JsonNode lostView = awaitView(lost, view -> view.path("engagements").path("total").asInt() == 1, REBUILD);
        assertThat(lostView.has("email")).isFalse();
        assertThat(lostView.path("profile").has("lastName")).isFalse();
        assertThat(lostView.path("profile").path("industry").asText()).isEqualTo("Software");
        assertThat(lostView.path("stage").asText()).isEqualTo("LEAD");
        assertThat(TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("deadletters").countDocuments()).isZero();
    }

    private String capture(String email) {
        HttpResponse<String> created = api().post("/api/contacts", "automation",
                "{\"email\":\"" + email + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"industry\":\"Software\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body()).get("id").asText();
    }
}
