package io.handraiser.scoring.evaluation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handraiser.scoring.engine.InvalidModel;
import io.handraiser.scoring.engine.ModelParser;
import io.handraiser.scoring.engine.ScoringModel;
import io.handraiser.scoring.engine.VersionedModel;
import io.handraiser.scoring.models.ModelStore;
import io.handraiser.scoring.models.StoredModel;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import org.bson.Document;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of a request for an evaluation or a calibration, checked in full before anything is stored: a 400
 * names every problem at its JSON path, those of an inline model included ({@code model.tiers[0].minFit}).
 * <p>
 * The model is either inline ({@code "model": {...}}, a document in the model format) or a stored draft or
 * version ({@code "modelVersion": 3}); the range is optional ({@code "from"}, {@code "to"}, ISO-8601 instants).
 */
public final class JobRequest {

    static final String INLINE = "inline";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private JobRequest(JsonNode body) {
        this.body = body;
    }

    /** The model a job runs under, with the document it was read from. */
    public record Candidate(String name, Integer version, String document, ScoringModel model) {

        public VersionedModel versioned() {
            return new VersionedModel(version == null ? INLINE : String.valueOf(version), model);
        }

        Document toDocument() {
            return new Document("name", name).append("version", version).append("document", document);
        }

        public static Candidate of(Document stored) {
            String document = stored.getString("document");
            return new Candidate(stored.getString("name"), stored.getInteger("version"), document, ModelParser.parse(document));
        }
    }

    /** Reads a body; {@code fields} are the ones the endpoint takes besides model, modelVersion, from and to. */
    public static JobRequest read(String text, Set<String> fields) {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw BadRequest.field("$", "not a JSON document: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw BadRequest.field("$", "the body is a JSON object such as {\"modelVersion\": 2} or {\"model\": {...}}");
        }
        JobRequest request = new JobRequest(body);
        Set<String> known = new TreeSet<>(Set.of("model", "modelVersion", "from", "to"));
        known.addAll(fields);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                request.errors.add(new FieldError(name, "unknown field \"" + name + "\"; expected " + known));
            }
        }
        return request;
    }

    public Candidate candidate(ModelStore models) {
        JsonNode inline = body.get("model");
        JsonNode version = body.get("modelVersion");
        if ((inline == null) == (version == null)) {
            errors.add(new FieldError("model", "name the model either inline (\"model\": {...}) or by its version (\"modelVersion\": 2)"));
            return null;
        }
        if (inline != null) {
            String document = inline.toString();
            try {
                ScoringModel model = ModelParser.parse(document);
                return new Candidate(model.name(), null, document, model);
            } catch (InvalidModel invalid) {
                invalid.problems().forEach(problem -> errors.add(new FieldError(
                        problem.field().equals("$") ? "model" : "model." + problem.field(), problem.message())));
                return null;
            }
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            errors.add(new FieldError("modelVersion", "modelVersion is the whole number of a stored draft or version"));
            return null;
        }
        Optional<StoredModel> stored = models.find(version.asInt());
        if (stored.isEmpty()) {
            errors.add(new FieldError("modelVersion", "no scoring model has version " + version.asInt()));
            return null;
        }
        return new Candidate(stored.get().name(), stored.get().version(), stored.get().document(), ModelParser.parse(stored.get().document()));
    }

    public TimeRange range() {
        Instant from = instant("from");
        Instant to = instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "to must be after from"));
            return null;
        }
        return new TimeRange(from, to);
    }

    /** An optional number within [min, max], or {@code fallback} when absent. */
    public double number(String field, double min, double max, double fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            errors.add(new FieldError(field, field + " must be a number from " + min + " to " + max));
            return fallback;
        }
        return value.asDouble();
    }

    /** @throws BadRequest naming every problem found, if any was */
    public void check() {
        if (!errors.isEmpty()) {
            throw BadRequest.of(errors);
        }
    }

    /** The request as a job stores it; the model document is kept whole, so a job means the same after a restart. */
    public static Document toDocument(Candidate candidate, TimeRange range) {
        return new Document("model", candidate.toDocument()).append("from", date(range.from())).append("to", date(range.to()));
    }

    public static TimeRange rangeOf(Document job) {
        return new TimeRange(instant(job.getDate("from")), instant(job.getDate("to")));
    }

    private Instant instant(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isTextual()) {
                return Instant.parse(value.asText());
            }
        } catch (DateTimeParseException e) {
            // reported below with the expected form
        }
        errors.add(new FieldError(field, field + " must be an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z"));
        return null;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
