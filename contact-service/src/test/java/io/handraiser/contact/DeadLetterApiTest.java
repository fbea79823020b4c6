package io.handraiser.contact;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.handraiser.contact.query.ContactProjection;
import io.handraiser.testsupport.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contact view parks a contact's event it cannot apply, keeps every other contact's view current meanwhile, and
 * applies the event when an admin retries it once the cause is repaired.
 */
class DeadLetterApiTest extends ContactServiceTestBase {

    private static final String VIEW_LETTERS = "/api/admin/dead-letters/" + ContactProjection.PROCESSING_GROUP;

    @Test
    void aProfileChangeTheViewCannotApplyWaitsForARetryWhileOtherContactsMoveOn() {
        String damaged = capture();
        String sound = capture();
        awaitView(damaged, view -> view.path("profile").path("firstName").asString().equals("Ada"));
        awaitView(sound, view -> view.path("profile").path("firstName").asString().equals("Ada"));
        // a view document no profile change can be applied to: the kind of damage a bad migration leaves behind
        views().updateOne(Filters.eq("_id", damaged), Updates.set("profile", "damaged by hand"));

        changeJobTitle(damaged);
        changeJobTitle(sound);

        awaitView(sound, view -> view.path("profile").path("jobTitle").asString().equals("CTO"));
        JsonNode letter = await().atMost(Duration.ofSeconds(20)).until(() -> firstLetter(damaged), found -> found != null);
        assertThat(letter.get("eventType").asString()).endsWith("ContactProfileUpdated");
        assertThat(letter.get("aggregateId").asString()).isEqualTo(damaged);
        assertThat(letter.get("cause").get("type").asString()).isEqualTo("com.mongodb.MongoWriteException");

        views().updateOne(Filters.eq("_id", damaged), Updates.set("profile", new Document()));
        HttpResponse<String> retried = api().post(VIEW_LETTERS + "/retry?sequence=" + damaged, "admin");

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried.body()).get("processed").asInt()).isEqualTo(1);
        assertThat(firstLetter(damaged)).isNull();
        awaitView(damaged, view -> view.path("profile").path("jobTitle").asString().equals("CTO"));
    }

    private String capture() {
        HttpResponse<String> created = api().post("/api/contacts", "automation",
                                                  "{\"email\":\"lead-" + UUID.randomUUID() + "@example.com\",\"firstName\":\"Ada\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body()).get("id").asString();
    }

    private void changeJobTitle(String contact) {
        HttpResponse<String> changed = api().patch("/api/contacts/" + contact, "marketing", "{\"jobTitle\":\"CTO\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    /** The first parked event of the contact's sequence, or null while none is parked. */
    private JsonNode firstLetter(String contact) {
        HttpResponse<String> page = api().get(VIEW_LETTERS + "?limit=200", "admin");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        for (JsonNode sequence : json(page.body()).get("items")) {
            if (sequence.get("sequence").asString().equals(contact)) {
                return sequence.get("letters").get(0);
            }
        }
        return null;
    }

    private static MongoCollection<Document> views() {
        return TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("contacts");
    }
}
