package io.handraiser.scoring.evaluation;

import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;

/**
 * A background job as the API shows it.
 *
 * @param model      the model it runs under; {@code version} is null for an inline model
 * @param settings   what else the request set (a calibration's target precision and hold-out share)
 * @param eventsRead contact events read from the log so far
 * @param result     the report once DONE; null before, and in lists
 */
public record JobView(String id, String state, ModelRef model, Instant from, Instant to, Map<String, Object> settings, String requestedBy,
                      Instant requestedAt, Instant startedAt, Instant finishedAt, long eventsRead, String failure, JsonNode result) {

    public record ModelRef(String name, Integer version) {
    }

    public static JobView of(Document job, JsonMapper json, String... settings) {
        Document model = job.get("model", Document.class);
        Map<String, Object> set = new TreeMap<>();
        for (String setting : settings) {
            set.put(setting, job.get(setting));
        }
        Document progress = job.get("progress", Document.class);
        Document result = job.get("result", Document.class);
        return new JobView(job.getString("_id"), job.getString("state"), new ModelRef(model.getString("name"), model.getInteger("version")),
                           instant(job, "from"), instant(job, "to"), set, job.getString("requestedBy"), instant(job, "requestedAt"),
                           instant(job, "startedAt"), instant(job, "finishedAt"),
                           progress == null ? 0 : ((Number) progress.get("eventsRead")).longValue(), job.getString("failure"),
                           result == null ? null : json.readTree(result.toJson()));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
