package io.handraiser.scoring;

import com.mongodb.client.MongoDatabase;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.scoring.DisqualifyingSignalDetected;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.contract.scoring.LeadScoreQualified;
import io.handraiser.scoring.engine.DefaultModel;
import io.handraiser.testsupport.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScoringApiTest extends ScoringServiceTestBase {

    private JsonNode awaitScore(ContactId id, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> response = api().get("/api/scores/" + id, "sales");
            found[0] = response.statusCode() == 200 ? json(response.body()) : null;
            return found[0] != null && condition.test(found[0]);
        });
        return found[0];
    }

    private List<LeadScoreEvent> awaitFacts(ContactId id, Predicate<List<LeadScoreEvent>> condition) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> contacts().scoringFacts(id), condition);
    }

    @Test
    void theDefaultModelIsActiveOnFirstStart() {
        HttpResponse<String> list = api().get("/api/scoring/models", "analyst");

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode models = json(list.body());
        assertThat(models.get("active").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode first = api().get("/api/scoring/models/1", "marketing").body().transform(ScoringServiceTestBase::json);
        assertThat(first.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(first.get("createdBy").asText()).isEqualTo("scoring-service");
        assertThat(first.path("model").path("tiers").get(0).path("name").asText()).isEqualTo("A");
    }

    @Test
    void aHeadOfMarketingWithAGuideAndThreePricingVisitsIsQualifiedOnceWithItsExplanation() {
        ContactId ada = contacts().captureHeadOfMarketing();
        contacts().guideDownload(ada);
        contacts().pricingVisit(ada);
        contacts().pricingVisit(ada);
        contacts().pricingVisit(ada);

        List<LeadScoreEvent> facts = awaitFacts(ada, all -> all.stream().anyMatch(LeadScoreQualified.class::isInstance));
        JsonNode score = awaitScore(ada, found -> found.path("total").asInt() == 105);

        LeadScoreQualified qualified = (LeadScoreQualified) facts.stream().filter(LeadScoreQualified.class::isInstance).findFirst().orElseThrow();
        assertThat(qualified.tier()).isEqualTo(Tier.of("A"));
        assertThat(qualified.evidence().score()).isEqualTo(105);
        assertThat(score.get("tier").asText()).isEqualTo("A");
        assertThat(score.get("fit").asInt()).isEqualTo(45);
        assertThat(score.get("engagement").asInt()).isEqualTo(60);
        int explained = 0;
        for (JsonNode signal : score.get("explanation")) {
            explained += signal.get("points").asInt();
        }
        assertThat(explained).isEqualTo(105);
        JsonNode pricing = score.get("explanation").findParents("rule").stream()
                                .filter(signal -> signal.get("rule").asText().equals("pricing-page-visit")).findFirst().orElseThrow();
        assertThat(pricing.get("points").asInt()).isEqualTo(45);
        assertThat(pricing.get("expiresAt").asText()).isNotBlank();
        assertThat(pricing.get("occurrences")).hasSize(3);

        contacts().pricingVisit(ada);
        contacts().engagement(ada, EngagementType.WEBINAR_ATTENDED, null, clock.instant());
        awaitScore(ada, found -> found.path("total").asInt() == 120);
        assertThat(contacts().scoringFacts(ada)).filteredOn(LeadScoreQualified.class::isInstance).hasSize(1);
    }

    @Test
    void aCompetitorIsReportedAsDisqualifying() {
        ContactId rival = contacts().capture("jo@rival.example", new Profile(null, null, null, "VP Marketing", "Software", 300, "US", null));
        contacts().engagement(rival, EngagementType.DEMO_REQUESTED, null, clock.instant());

        List<LeadScoreEvent> facts = awaitFacts(rival, all -> all.stream().filter(LeadScoreChanged.class::isInstance).count() == 2);

        assertThat(facts).filteredOn(DisqualifyingSignalDetected.class::isInstance).singleElement()
                         .satisfies(fact -> assertThat(((DisqualifyingSignalDetected) fact).reason()).isEqualTo(DisqualificationReason.COMPETITOR));
        assertThat(facts).noneMatch(LeadScoreQualified.class::isInstance);
        JsonNode score = awaitScore(rival, found -> true);
        assertThat(score.path("disqualifiedBy").path("rule").asText()).isEqualTo("competitor");
        assertThat(score.get("tier").isNull()).isTrue();
    }

    @Test
    void draftsAreValidatedPublishedAndEveryVersionStaysReadable() {
        HttpResponse<String> invalid = api().post("/api/scoring/models", "marketing",
                "{\"name\": \"broken\", \"fit\": [{\"name\": \"x\", \"attribute\": \"shoeSize\", \"equals\": \"42\", \"points\": 5}],"
                + " \"tiers\": [{\"name\": \"A\", \"minFit\": 0}]}");
        HttpResponse<String> notJson = api().post("/api/scoring/models", "marketing", "{\"name\": ");
        HttpResponse<String> empty = api().post("/api/scoring/models", "marketing", "");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(invalid.body()).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("fit[0].attribute", "tiers[0].minTotal");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(empty.statusCode()).isEqualTo(400);

        String candidate = DefaultModel.document().replace("\"B2B default\"", "\"B2B pricing-heavy " + UUID.randomUUID() + "\"");
        HttpResponse<String> created = api().post("/api/scoring/models", "marketing", candidate);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        int version = json(created.body()).get("version").asInt();
        assertThat(json(created.body()).get("status").asText()).isEqualTo("DRAFT");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/scoring/models/" + version);

        HttpResponse<String> published = api().post("/api/scoring/models/" + version + "/publish", "marketing", "");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(json(published.body()).get("active").asBoolean()).isTrue();
        assertThat(json(api().get("/api/scoring/models", "analyst").body()).get("active").asInt()).isEqualTo(version);
        assertThat(api().get("/api/scoring/models/1", "analyst").statusCode()).isEqualTo(200);
        HttpResponse<String> again = api().post("/api/scoring/models/" + version + "/publish", "admin", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again.body()).get("rule").asText()).isEqualTo("model-already-published");
        assertThat(api().get("/api/scoring/models/9999", "analyst").statusCode()).isEqualTo(404);
        assertThat(api().get("/api/scoring/models/latest", "analyst").statusCode()).isEqualTo(400);
    }

    @Test
    void rolesDecideWhoMayDoWhat() {
        String model = DefaultModel.document();

        assertThat(api().post("/api/scoring/models", "analyst", model).statusCode()).isEqualTo(403);
        assertThat(api().post("/api/scoring/models", "sales", model).statusCode()).isEqualTo(403);
        assertThat(api().get("/api/scoring/models", "automation").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/scoring/models", null).statusCode()).isEqualTo(401);
        assertThat(api().get("/api/scores/" + UUID.randomUUID(), "auditor").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/scores/" + UUID.randomUUID(), "analyst").statusCode()).isEqualTo(404);
        assertThat(api().get("/api/scores/not-a-uuid", "analyst").statusCode()).isEqualTo(400);
    }

    @Test
    void anErasedContactLeavesNoScoreBehind() {
        ContactId ada = contacts().captureHeadOfMarketing();
        contacts().pricingVisit(ada);
        awaitScore(ada, found -> found.path("engagement").asInt() > 0);

        contacts().append(new ContactErased(ada, ContactLog.AUTOMATION, clock.instant()));

        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/api/scores/" + ada, "sales").statusCode() == 404);
        Document stored = TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("lead_scores").find(new Document("_id", ada.toString())).first();
        assertThat(stored.get("state", Document.class).get("facts", Document.class).getString("industry")).isNull();
        assertThat(stored.get("state", Document.class).getList("engagements", Document.class)).isEmpty();
    }

    /** Scoring keeps what rules need, never who the person is: names, addresses, phones, titles and URLs stay in the log. */
    @Test
    void scoringsDatabaseHoldsNoPersonalData() {
        ContactId ada = contacts().captureHeadOfMarketing();
        contacts().pricingVisit(ada);
        contacts().guideDownload(ada);
        awaitScore(ada, found -> found.path("engagement").asInt() == 30);

        MongoDatabase database = TestMongo.client().getDatabase(SERVICE_DATABASE);
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                assertThat(document.toJson()).as(collection).doesNotContain("Ada", "Lovelace", "ada-", "+44", "Head of Marketing", "pricing?email");
            }
        }
    }
}
