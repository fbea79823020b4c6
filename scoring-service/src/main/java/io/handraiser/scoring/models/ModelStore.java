package io.handraiser.scoring.models;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.scoring.engine.DefaultModel;
import io.handraiser.scoring.engine.ModelParser;
import io.handraiser.scoring.engine.ScoringModel;
import io.handraiser.scoring.engine.VersionedModel;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.starter.web.ProblemAdvice;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scoring models as versioned documents in scoring's database. A version is immutable once published; the active
 * one is named by a pointer document, so publishing is one write and every instance sees it at once. Versions are
 * numbered 1, 2, 3...: the next number is claimed by inserting it under a unique id, so two concurrent drafts can
 * never share one.
 */
@Component
public class ModelStore {

    static final String DEFAULT_AUTHOR = "scoring-service";
    private static final String ACTIVE = "active";

    private final MongoCollection<Document> models;
    private final MongoCollection<Document> pointer;
    /** Published versions never change, so a parsed model is kept for as long as the service runs. */
    private final Map<String, VersionedModel> parsed = new ConcurrentHashMap<>();

    public ModelStore(EventLogDatabases databases, Clock clock) {
        this.models = databases.service().getCollection("models");
        this.pointer = databases.service().getCollection("active_model");
        // before any event processor starts: every contact event is scored under the active model
        ensureAModelIsActive(clock.instant());
    }

    /**
     * Ships the default model as version 1, active, unless a model is active already. Safe when several instances
     * start at once: version 1 and the pointer are each written only where absent.
     */
    public void ensureAModelIsActive(Instant now) {
        if (pointer.countDocuments(Filters.eq("_id", ACTIVE)) > 0) {
            return;
        }
        ScoringModel model = DefaultModel.parsed();
        try {
            models.insertOne(document(1, model.name(), DefaultModel.document(), now, DEFAULT_AUTHOR)
                                     .append("status", StoredModel.Status.PUBLISHED.name())
                                     .append("publishedAt", Date.from(now)).append("publishedBy", DEFAULT_AUTHOR));
        } catch (MongoWriteException e) {
            requireDuplicate(e);
        }
        pointer.updateOne(Filters.eq("_id", ACTIVE), Updates.setOnInsert("version", 1), new UpdateOptions().upsert(true));
    }

    /** Stores a valid document as the next version's draft; throws {@code InvalidModel} naming every problem. */
    public StoredModel createDraft(String document, String author, Instant now) {
        ScoringModel model = ModelParser.parse(document);
        while (true) {
            Document last = models.find().sort(Sorts.descending("_id")).projection(Projections.include("_id")).first();
            int version = last == null ? 1 : last.getInteger("_id") + 1;
            try {
                models.insertOne(document(version, model.name(), document, now, author));
                return find(version).orElseThrow();
            } catch (MongoWriteException e) {
                requireDuplicate(e);
            }
        }
    }

    public Optional<StoredModel> find(int version) {
        return Optional.ofNullable(models.find(Filters.eq("_id", version)).first()).map(ModelStore::stored);
    }

    public List<StoredModel> list() {
        List<StoredModel> all = new ArrayList<>();
        models.find().sort(Sorts.descending("_id")).forEach(document -> all.add(stored(document)));
        return all;
    }

    public int activeVersion() {
        Document active = pointer.find(Filters.eq("_id", ACTIVE)).first();
        if (active == null) {
            throw new IllegalStateException("no scoring model is active; the service makes the default active at start");
        }
        return active.getInteger("version");
    }

    public VersionedModel active() {
        return model(String.valueOf(activeVersion()));
    }

    /** A published version, parsed; contacts stay matched under the version they were scored with. */
    public VersionedModel model(String version) {
        return parsed.computeIfAbsent(version, key -> {
            StoredModel stored = find(Integer.parseInt(key)).orElseThrow(
                    () -> new IllegalStateException("scoring model version " + key + " is not stored"));
            return new VersionedModel(key, ModelParser.parse(stored.document()));
        });
    }

    /**
     * Makes a draft the active version. A published version stays as it is: decisions name it, so what it says
     * must never change. Returns the version with its rescoring just started.
     */
    public StoredModel publish(int version, String publisher, Instant now, long openContacts) {
        StoredModel draft = find(version).orElseThrow(() -> ProblemAdvice.notFound("no scoring model has version " + version));
        Document rescoring = new Document("state", StoredModel.Rescoring.State.RUNNING.name()).append("total", openContacts)
                                                                                              .append("scored", 0L).append("startedAt", Date.from(now));
        long updated = models.updateOne(Filters.and(Filters.eq("_id", version), Filters.eq("status", StoredModel.Status.DRAFT.name())),
                                        Updates.combine(Updates.set("status", StoredModel.Status.PUBLISHED.name()),
                                                        Updates.set("publishedAt", Date.from(now)), Updates.set("publishedBy", publisher),
                                                        Updates.set("rescoring", rescoring)))
                             .getModifiedCount();
        if (updated == 0) {
            throw new RuleViolation("model-already-published",
                                    "version " + version + " (" + draft.name() + ") is published already and cannot change; "
                                    + "create a new draft from it to publish it again");
        }
        pointer.updateOne(Filters.eq("_id", ACTIVE), Updates.set("version", version), new UpdateOptions().upsert(true));
        return find(version).orElseThrow();
    }

    public void rescoringProgress(int version, long scored) {
        models.updateOne(Filters.eq("_id", version), Updates.set("rescoring.scored", scored));
    }

    public void rescoringFinished(int version, StoredModel.Rescoring.State state, long scored, Instant now) {
        models.updateOne(Filters.eq("_id", version), Updates.combine(Updates.set("rescoring.state", state.name()),
                                                                     Updates.set("rescoring.scored", scored),
                                                                     Updates.set("rescoring.finishedAt", Date.from(now))));
    }

    public List<StoredModel> rescoringsRunning() {
        List<StoredModel> running = new ArrayList<>();
        models.find(Filters.eq("rescoring.state", StoredModel.Rescoring.State.RUNNING.name())).forEach(document -> running.add(stored(document)));
        return running;
    }

    private static Document document(int version, String name, String document, Instant now, String author) {
        return new Document("_id", version).append("name", name).append("document", document)
                                           .append("status", StoredModel.Status.DRAFT.name())
                                           .append("createdAt", Date.from(now)).append("createdBy", author);
    }

    private static StoredModel stored(Document document) {
        Document rescoring = document.get("rescoring", Document.class);
        return new StoredModel(document.getInteger("_id"), document.getString("name"), document.getString("document"),
                               StoredModel.Status.valueOf(document.getString("status")), instant(document, "createdAt"),
                               document.getString("createdBy"), instant(document, "publishedAt"), document.getString("publishedBy"),
                               rescoring == null ? null
                                       : new StoredModel.Rescoring(StoredModel.Rescoring.State.valueOf(rescoring.getString("state")),
                                                                   number(rescoring, "total"), number(rescoring, "scored"),
                                                                   instant(rescoring, "startedAt"), instant(rescoring, "finishedAt")));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static void requireDuplicate(MongoWriteException e) {
        if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
            throw e;
        }
    }
}
