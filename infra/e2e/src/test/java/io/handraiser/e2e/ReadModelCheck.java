package io.handraiser.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.handraiser.e2e.EventLogRecount.Counts;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds the suite to its event log after bad weather: every acknowledged engagement recorded exactly once, the
 * contact view and the reported funnel equal to a recount from the log, nobody marked MQL twice in one episode,
 * every MQL handed off once. Read models catch up after a recovery, so the check waits until they agree and fails
 * with the last difference if they never do.
 */
final class ReadModelCheck {

    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private ReadModelCheck() {
    }

    static Counts awaitAgreement(SuiteUnderTest suite, Http gateway, Set<String> acknowledged) {
        String analyst = suite.token("reliability-analyst", "analyst");
        Counts[] last = new Counts[1];
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Counts counts = EventLogRecount.count(suite.mongo());
            last[0] = counts;
            List<String> missing = acknowledged.stream().filter(id -> !counts.engagementRecordings().containsKey(id)).limit(5).toList();
            assertThat(missing).as("acknowledged engagements missing from the log").isEmpty();
            assertThat(counts.recordedMoreThanOnce()).as("engagements recorded more than once").isZero();
            assertThat(counts.doubleMqls()).as("contacts marked MQL twice in one episode").isEmpty();
            assertThat(counts.doubledHandoffs()).as("contacts handed off more often than qualified").isEmpty();
            assertThat(counts.handoffsOpened()).as("every MQL handed off once").isEqualTo(counts.mqls());

            List<String> differences = new ArrayList<>();
            long views = 0;
            for (Document view : suite.mongo().getDatabase("contact").getCollection("contacts").find()) {
                views++;
                String id = view.getString("_id");
                Object total = view.get("engagements", Document.class) == null ? null : view.get("engagements", Document.class).get("total");
                long engaged = total == null ? 0 : ((Number) total).longValue();
                if (!view.getString("stage").equals(counts.stages().get(id)) || engaged != counts.engagements().getOrDefault(id, 0L)) {
                    differences.add(id + ": view " + view.getString("stage") + "/" + engaged + ", log " + counts.stages().get(id) + "/"
                                    + counts.engagements().get(id));
                }
            }
            assertThat(differences).as("contact views that differ from the log").isEmpty();
            assertThat(views).as("contact views").isEqualTo(counts.stages().size());

            JsonNode reported = gateway.get("/api/reports/stages", analyst).body().path("groups").path(0).path("stages");
            Map<String, Long> funnel = new TreeMap<>();
            reported.fields().forEachRemaining(stage -> {
                if (stage.getValue().asLong() > 0) {
                    funnel.put(stage.getKey(), stage.getValue().asLong());
                }
            });
            assertThat(funnel).as("the reported funnel").isEqualTo(counts.funnel());
        });
        return last[0];
    }
}
