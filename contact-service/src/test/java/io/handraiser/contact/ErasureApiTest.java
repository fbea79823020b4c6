package io.handraiser.contact;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.handraiser.contact.query.ContactProjection;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure through the API, proven by looking where personal data could hide: every document of every collection
 * of every database on the server, the event log's events and snapshots included.
 */
class ErasureApiTest extends ContactServiceTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    /** A person whose every personal value is unique to this test, so a scan finds only this person's copies. */
    private record Person(String email, String firstName, String lastName, String newLastName, String company, String jobTitle,
                          String phone, String secretUrlPart, String salesNote) {

        static Person unique() {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            return new Person("erasable-" + tag + "@example.com", "First" + tag, "Last" + tag, "Married" + tag, "Company" + tag,
                              "Title" + tag, "+44 20 " + tag.hashCode(), "token-" + tag, "call back after lunch " + tag);
        }

        List<String> values() {
            return List.of(email, firstName, lastName, newLastName, company, jobTitle, phone, secretUrlPart, salesNote);
        }

        String capture() {
            return "{\"email\":\"" + email + "\",\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\",\"company\":\""
                   + company + "\",\"jobTitle\":\"" + jobTitle + "\",\"phone\":\"" + phone + "\",\"industry\":\"Software\","
                   + "\"companySize\":250,\"country\":\"de\",\"source\":{\"system\":\"hubspot\",\"campaign\":\"q4-webinar\"}}";
        }
    }

    private String captureWithHistory(Person person) {
        HttpResponse<String> captured = api().post("/api/contacts", "automation", person.capture());
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        String id = json(captured.body()).get("id").asText();
        assertThat(api().patch("/api/contacts/" + id, "marketing", "{\"lastName\":\"" + person.newLastName() + "\"}").statusCode())
                .isEqualTo(200);
        String visits = IntStream.range(0, 120)
                                 .mapToObj(i -> "{\"contactId\":\"" + id + "\",\"engagementId\":\"v-" + i + "\",\"type\":\"PAGE_VIEW\","
                                                + "\"occurredAt\":\"2026-11-20T10:00:00Z\",\"detail\":{\"url\":\"https://acme.test/pricing?t=" + person.secretUrlPart()
                                                + "\"}}")
                                 .collect(Collectors.joining(",", "{\"items\":[", "]}"));
        HttpResponse<String> batch = api().post("/api/engagements/batch", "automation", visits);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        assertThat(api().post("/api/contacts/" + id + "/mql", "marketing", "{\"tier\":\"A\",\"reason\":\"asked for a demo\"}").statusCode())
                .isEqualTo(200);
        assertThat(api().post("/api/contacts/" + id + "/sql", "sales", "{\"note\":\"" + person.salesNote() + "\"}").statusCode())
                .isEqualTo(200);
        awaitView(id, view -> view.path("stage").asText().equals("SQL") && view.path("engagements").path("total").asInt() == 120);
        return id;
    }

    @Test
    void erasureLeavesNoPersonalValueInAnyDatabaseAndKeepsTheFacts() throws Exception {
        Person erased = Person.unique();
        Person kept = Person.unique();
        String erasedId = captureWithHistory(erased);
        String keptId = captureWithHistory(kept);
        int eventsBefore = history(erasedId).get("events").size();
        assertThat(occurrencesOf(erased.values())).as("the scan sees personal data before erasure").isNotEmpty();

        assertThat(api().delete("/api/contacts/" + erasedId, "marketing").statusCode()).isEqualTo(204);
        assertThat(api().delete("/api/contacts/" + erasedId, "admin").statusCode()).as("erasing again").isEqualTo(204);

        JsonNode view = awaitView(erasedId, contact -> contact.path("erased").asBoolean());
        assertThat(view.has("email")).isFalse();
        assertThat(view.path("stage").asText()).isEqualTo("SQL");
        assertThat(view.path("tier").asText()).isEqualTo("A");
        assertThat(view.path("engagements").path("total").asInt()).isEqualTo(120);
        assertThat(view.path("profile").path("industry").asText()).isEqualTo("Software");
        assertThat(view.path("profile").has("lastName")).isFalse();
        JsonNode history = history(erasedId);
        assertThat(history.get("erased").asBoolean()).isTrue();
        assertThat(history.get("events").size()).isEqualTo(eventsBefore + 1);
        assertThat(history.get("events").get(0).path("event").path("email").isNull()).isTrue();
        assertThat(history.get("events").get(0).path("event").path("profile").path("country").asText()).isEqualTo("DE");
        assertThat(occurrencesOf(erased.values())).isEmpty();
        assertThat(occurrencesOf(kept.values())).as("the other contact keeps its data").isNotEmpty();
        awaitView(keptId, contact -> contact.path("email").asText().equals(kept.email()));

        HttpResponse<String> refused = api().post("/api/contacts/" + erasedId + "/stage", "sales", "{\"stage\":\"OPPORTUNITY\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused.body()).get("rule").asText()).isEqualTo("contact-erased");
        assertThat(api().get("/api/contacts?email=" + erased.email(), "marketing").statusCode()).isEqualTo(404);
        HttpResponse<String> again = api().post("/api/contacts", "automation", erased.capture());
        assertThat(again.statusCode()).as("the person can be captured again").isEqualTo(201);
        assertThat(json(again.body()).get("id").asText()).isNotEqualTo(erasedId);
    }

    @Test
    void aRebuildAfterErasureHoldsNoneOfThePersonsData() throws Exception {
        Person erased = Person.unique();
        String erasedId = captureWithHistory(erased);
        assertThat(api().delete("/api/contacts/" + erasedId, "marketing").statusCode()).isEqualTo(204);
        awaitView(erasedId, contact -> contact.path("erased").asBoolean());

        StreamingEventProcessor projection = processing.eventProcessor(ContactProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                                                       .orElseThrow();
        projection.shutdownAsync().get(30, TimeUnit.SECONDS);
        projection.resetTokens();
        projection.start();

        JsonNode rebuilt = awaitView(erasedId, contact -> contact.path("erased").asBoolean(), Duration.ofSeconds(180));
        assertThat(rebuilt.path("stage").asText()).isEqualTo("SQL");
        assertThat(rebuilt.path("engagements").path("total").asInt()).isEqualTo(120);
        assertThat(occurrencesOf(erased.values())).isEmpty();
    }

    private JsonNode history(String id) {
        HttpResponse<String> response = api().get("/api/contacts/" + id + "/history?limit=1000", "auditor");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response.body());
    }

    /** Where any of {@code values} appears, as "database.collection": every document of every collection is read. */
    static List<String> occurrencesOf(List<String> values) {
        MongoClient client = TestMongo.client();
        List<String> found = new ArrayList<>();
        for (String databaseName : client.listDatabaseNames()) {
            MongoDatabase database = client.getDatabase(databaseName);
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    String json = document.toJson();
                    values.stream().filter(json::contains).forEach(value -> found.add(databaseName + "." + collection + ": " + value));
                }
            }
        }
        return found;
    }
}
