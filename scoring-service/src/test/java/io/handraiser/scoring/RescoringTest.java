package io.handraiser.scoring;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.scoring.engine.DefaultModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Publishing a model version rescores every open contact under it in the background, with progress on the version. */
class RescoringTest extends ScoringServiceTestBase {

    /** The test context is shared with other test classes, which expect the default model's points. */
    @AfterEach
    void restoreTheDefaultModel() {
        int version = json(api().post("/api/scoring/models", "marketing", DefaultModel.document()).body()).get("version").asInt();
        api().post("/api/scoring/models/" + version + "/publish", "marketing", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> json(api().get("/api/scoring/models/" + version, "analyst").body())
                .path("rescoring").path("state").asText().equals("DONE"));
    }

    @Test
    void publishingRescoresOpenContactsAndShowsProgress() {
        List<ContactId> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ContactId id = contacts().captureHeadOfMarketing();
            contacts().pricingVisit(id);
            ids.add(id);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(
                id -> contacts().scoringFacts(id).stream().anyMatch(fact -> fact instanceof LeadScoreChanged changed
                                                                             && changed.evidence().engagement() == 15)));
        String pricingDoubled = DefaultModel.document()
                                            .replace("\"B2B default\"", "\"B2B pricing doubled\"")
                                            .replace("\"urlPattern\": \"/pricing\", \"points\": 15", "\"urlPattern\": \"/pricing\", \"points\": 30");
        int version = json(api().post("/api/scoring/models", "marketing", pricingDoubled).body()).get("version").asInt();

        HttpResponse<String> published = api().post("/api/scoring/models/" + version + "/publish", "marketing", "");

        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(json(published.body()).path("rescoring").path("state").asText()).isIn("RUNNING", "DONE");
        JsonNode done = await().atMost(Duration.ofSeconds(30)).until(
                () -> json(api().get("/api/scoring/models/" + version, "analyst").body()),
                model -> model.path("rescoring").path("state").asText().equals("DONE"));
        assertThat(done.path("rescoring").path("scored").asLong()).isGreaterThanOrEqualTo(ids.size());
        for (ContactId id : ids) {
            JsonNode score = json(api().get("/api/scores/" + id, "marketing").body());
            assertThat(score.path("modelVersion").asText()).isEqualTo(String.valueOf(version));
            assertThat(score.path("rescoringPending").asBoolean()).isFalse();
            assertThat(score.path("engagement").asInt()).isEqualTo(30);
            assertThat(contacts().scoringFacts(id)).filteredOn(LeadScoreChanged.class::isInstance).last()
                    .satisfies(fact -> assertThat(((LeadScoreChanged) fact).modelVersion()).isEqualTo(String.valueOf(version)));
        }
    }
}
