package io.handraiser.scoring.scores;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.scoring.engine.LeadScore;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.starter.eventlog.EventSerialization;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code lead_scores} collection: one {@link StoredScore} per contact. The saga state is kept as JSON in the
 * form the event log uses; the fields queries need (deadline, claim, model version, open) sit beside it.
 * <p>
 * The decay deadlines live here too, as {@code dueAt}: they survive a restart with the score they belong to, and
 * an instance claims a due one by {@code findOneAndUpdate}, so one instance at a time works on it.
 */
@Component
class ScoreDocuments {

    private static final String VERSION = "version";
    private static final String DUE_AT = "dueAt";
    private static final String CLAIMED_UNTIL = "claimedUntil";
    private static final String UNPUBLISHED = "unpublished";
    private static final String UNPUBLISHED_SINCE = "unpublishedSince";
    private static final String MODEL_VERSION = "modelVersion";
    private static final String OPEN = "open";

    private final MongoCollection<Document> scores;
    private final ObjectMapper json = EventSerialization.objectMapper();

    ScoreDocuments(EventLogDatabases databases) {
        this.scores = databases.service().getCollection("lead_scores");
        scores.createIndex(Indexes.ascending(DUE_AT), new IndexOptions().name("due_at"));
        scores.createIndex(Indexes.ascending(OPEN, MODEL_VERSION), new IndexOptions().name("open_model_version"));
    }

    Optional<StoredScore> find(String contactId) {
        return Optional.ofNullable(scores.find(Filters.eq("_id", contactId)).first()).map(this::stored);
    }

    /**
     * Writes {@code next} if the stored document is still {@code previous} (or absent, for a first one). False when
     * another writer came first: the caller reads again and decides anew.
     */
    boolean save(StoredScore next, StoredScore previous, Instant now) {
        Document document = document(next, now);
        if (previous == null) {
            try {
                scores.insertOne(document);
                return true;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                return false;
            }
        }
        return scores.replaceOne(Filters.and(Filters.eq("_id", previous.contactId()), Filters.eq(VERSION, previous.version())), document)
                     .getMatchedCount() == 1;
    }

    /** Forgets the facts once the event log holds them; a newer version has taken care of them itself. */
    void published(StoredScore score) {
        scores.updateOne(Filters.and(Filters.eq("_id", score.contactId()), Filters.eq(VERSION, score.version())),
                         Updates.combine(Updates.set(UNPUBLISHED, List.of()), Updates.unset(UNPUBLISHED_SINCE)));
    }

    /** Claims one contact whose decay deadline is due and unclaimed (or whose claim lapsed); null when none is. */
    String claimDue(Instant now, Duration lease) {
        Document claimed = scores.findOneAndUpdate(
                Filters.and(Filters.lte(DUE_AT, Date.from(now)),
                            Filters.or(Filters.eq(CLAIMED_UNTIL, null), Filters.lte(CLAIMED_UNTIL, Date.from(now)))),
                Updates.set(CLAIMED_UNTIL, Date.from(now.plus(lease))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return claimed == null ? null : claimed.getString("_id");
    }

    /** Contacts with facts decided before {@code before} and still not confirmed in the event log. */
    List<String> unpublishedSince(Instant before, int limit) {
        List<String> ids = new ArrayList<>();
        scores.find(Filters.lte(UNPUBLISHED_SINCE, Date.from(before))).limit(limit).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** The next open contacts after {@code afterId} still scored under another model version, in id order. */
    List<String> openOnOtherVersion(String modelVersion, String afterId, int limit) {
        Bson filter = Filters.and(Filters.eq(OPEN, true), Filters.ne(MODEL_VERSION, modelVersion), Filters.gt("_id", afterId));
        List<String> ids = new ArrayList<>();
        scores.find(filter).sort(Sorts.ascending("_id")).limit(limit).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    long countOpenOnOtherVersion(String modelVersion) {
        return scores.countDocuments(Filters.and(Filters.eq(OPEN, true), Filters.ne(MODEL_VERSION, modelVersion)));
    }

    private Document document(StoredScore score, Instant now) {
        List<Document> unpublished = new ArrayList<>();
        for (StoredScore.Pending pending : score.unpublished()) {
            unpublished.add(new Document("sequence", pending.sequence()).append("type", pending.event().getClass().getName())
                                                                        .append("event", toJson(pending.event()))
                                                                        .append("requestId", pending.requestId()));
        }
        Document document = new Document("_id", score.contactId()).append(VERSION, score.version())
                                                                 .append("lastSequence", score.lastSequence())
                                                                 .append(MODEL_VERSION, score.state().modelVersion())
                                                                 .append(OPEN, score.state().isOpen())
                                                                 .append("state", Document.parse(toJson(score.state())))
                                                                 .append("published", score.published())
                                                                 .append(UNPUBLISHED, unpublished)
                                                                 .append(DUE_AT, score.dueAt() == null ? null : Date.from(score.dueAt()))
                                                                 .append(CLAIMED_UNTIL, null);
        if (!unpublished.isEmpty()) {
            document.append(UNPUBLISHED_SINCE, Date.from(now));
        }
        return document;
    }

    private StoredScore stored(Document document) {
        List<StoredScore.Pending> unpublished = new ArrayList<>();
        for (Document pending : document.getList(UNPUBLISHED, Document.class, List.of())) {
            unpublished.add(new StoredScore.Pending(pending.getLong("sequence"), fromJson(pending.getString("event"), eventType(pending.getString("type"))),
                                                    pending.getString("requestId")));
        }
        Date dueAt = document.getDate(DUE_AT);
        return new StoredScore(document.getString("_id"), document.getLong(VERSION), document.getLong("lastSequence"),
                               fromJson(document.get("state", Document.class).toJson(), LeadScore.class), document.getLong("published"),
                               unpublished, dueAt == null ? null : dueAt.toInstant());
    }

    private static Class<? extends LeadScoreEvent> eventType(String name) {
        try {
            return Class.forName(name).asSubclass(LeadScoreEvent.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unpublished scoring fact of unknown type " + name, e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T fromJson(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
