package io.handraiser.journey;

import io.handraiser.scoring.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journey across both services on one event log: engagements go into contact-service, scoring-service
 * scores them and states the contact qualified, and contact-service's policy marks it MQL, with the scoring model
 * as actor and the score breakdown as evidence in the contact's history.
 */
class EngagementToMqlJourneyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoServices services;

    @BeforeAll
    static void start() {
        services = new TwoServices("journey");
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static String capture(Api contacts, String email, String jobTitle, String industry) {
        HttpResponse<String> created = contacts.post("/api/contacts", "automation",
                "{\"email\":\"" + email + "\",\"firstName\":\"Ada\",\"jobTitle\":\"" + jobTitle + "\",\"industry\":\"" + industry
                + "\",\"source\":{\"system\":\"hubspot\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    static void engage(Api contacts, String id, String type, String detail, Instant occurredAt) {
        HttpResponse<String> recorded = contacts.post("/api/contacts/" + id + "/engagements", "automation",
                "{\"engagementId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + occurredAt + "\""
                + (detail == null ? "" : ",\"detail\":" + detail) + "}");
        assertThat(recorded.statusCode()).as(recorded.body()).isBetween(200, 202);
    }

    static JsonNode awaitMarkedMql(Api contacts, String id, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(() -> {
            HttpResponse<String> history = contacts.get("/api/contacts/" + id + "/history", "auditor");
            if (history.statusCode() != 200) {
                return null;
            }
            for (JsonNode entry : JSON.readTree(history.body()).get("events")) {
                if (entry.get("type").asText().equals("MarkedMQL")) {
                    return entry;
                }
            }
            return null;
        }, entry -> entry != null);
    }

    @Test
    void engagementInMarkedMqlWithEvidenceOut() {
        Api contacts = services.contactApi();
        String id = capture(contacts, "ada-" + UUID.randomUUID() + "@acme.io", "Head of Marketing", "Information Technology");
        Instant now = Instant.now();
        engage(contacts, id, "CONTENT_DOWNLOAD", "{\"asset\":\"marketing-ops-guide.pdf\"}", now.minus(Duration.ofDays(9)));
        engage(contacts, id, "PAGE_VIEW", "{\"url\":\"https://handraiser.example/pricing\"}", now.minus(Duration.ofDays(8)));
        engage(contacts, id, "PAGE_VIEW", "{\"url\":\"https://handraiser.example/pricing\"}", now.minus(Duration.ofDays(3)));
        engage(contacts, id, "PAGE_VIEW", "{\"url\":\"https://handraiser.example/pricing?plan=team\"}", now.minus(Duration.ofHours(1)));

        JsonNode mql = awaitMarkedMql(contacts, id, Duration.ofSeconds(30));

        assertThat(mql.path("actor").path("kind").asText()).isEqualTo("SYSTEM");
        assertThat(mql.path("actor").path("id").asText()).isEqualTo("scoring-service");
        assertThat(mql.path("actor").path("modelVersion").asText()).isEqualTo("1");
        assertThat(mql.path("reason").asText()).isEqualTo("scoring model 1: tier A: fit 45 >= 40 and total 105 >= 100");
        JsonNode evidence = mql.path("evidence");
        assertThat(evidence.path("score").asInt()).isEqualTo(105);
        assertThat(evidence.path("fit").asInt()).isEqualTo(45);
        assertThat(evidence.path("engagement").asInt()).isEqualTo(60);
        assertThat(evidence.path("signals").findValuesAsString("rule"))
                .containsExactly("industry-technology", "marketing-leader", "pricing-page-visit", "guide-download");
        assertThat(mql.path("event").path("tier").asText()).isEqualTo("A");
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(contacts.get("/api/contacts/" + id, "sales").body())
                                                               .path("stage").asText().equals("MQL"));
        HttpResponse<String> score = services.scoringApi().get("/api/scores/" + id, "sales");
        assertThat(JSON.readTree(score.body()).path("total").asInt()).isEqualTo(105);
    }

    @Test
    void aCompetitorIsDisqualifiedByTheScoringModel() {
        Api contacts = services.contactApi();
        String id = capture(contacts, "jo-" + UUID.randomUUID() + "@rival.example", "VP Marketing", "Software");

        JsonNode disqualified = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> history = contacts.get("/api/contacts/" + id + "/history", "auditor");
            for (JsonNode entry : JSON.readTree(history.body()).get("events")) {
                if (entry.get("type").asText().equals("ContactDisqualified")) {
                    return entry;
                }
            }
            return null;
        }, entry -> entry != null);

        assertThat(disqualified.path("reason").asText()).isEqualTo("COMPETITOR");
        assertThat(disqualified.path("actor").path("id").asText()).isEqualTo("scoring-service");
    }
}
