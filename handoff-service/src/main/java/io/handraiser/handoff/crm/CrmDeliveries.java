package io.handraiser.handoff.crm;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The CRM webhooks, one document per accepted SQL, written before the first try so that a restart loses none.
 * Any instance may send one: a due delivery is claimed with a lease ({@code findOneAndUpdate}, atomic on one
 * document), and its outcome is written only while that lease is still the one it claimed, so an instance whose
 * lease ran out and was taken over cannot overwrite the newer try's outcome.
 */
@Component
public class CrmDeliveries {

    public static final String COLLECTION = "crm_deliveries";

    public enum State { PENDING, DELIVERED, DEAD }

    static final String HANDOFF_ID = "handoffId";
    static final String CONTACT_ID = "contactId";
    static final String BODY = "body";
    static final String STATE = "state";
    static final String ATTEMPTS = "attempts";
    static final String CREATED_AT = "createdAt";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String LEASED_UNTIL = "leasedUntil";
    static final String DELIVERED_AT = "deliveredAt";
    static final String LAST_STATUS = "lastStatus";
    static final String LAST_ERROR = "lastError";
    private static final Date NO_LEASE = new Date(0);

    private final MongoCollection<Document> deliveries;
    private final Clock clock;

    public CrmDeliveries(EventLogDatabases databases, Clock clock) {
        this.deliveries = databases.service().getCollection(COLLECTION);
        this.clock = clock;
        deliveries.createIndex(Indexes.ascending(STATE, NEXT_ATTEMPT_AT), new IndexOptions().name("due"));
        deliveries.createIndex(Indexes.ascending(CONTACT_ID), new IndexOptions().name(CONTACT_ID));
    }

    /** Records a delivery once: the same id again is the event that causes it delivered again, and is ignored. */
    void record(String id, String handoffId, String contactId, String body) {
        Date now = Date.from(clock.instant());
        try {
            deliveries.insertOne(new Document("_id", id)
                                         .append(HANDOFF_ID, handoffId)
                                         .append(CONTACT_ID, contactId)
                                         .append(BODY, body)
                                         .append(STATE, State.PENDING.name())
                                         .append(ATTEMPTS, 0)
                                         .append(CREATED_AT, now)
                                         .append(NEXT_ATTEMPT_AT, now)
                                         .append(LEASED_UNTIL, NO_LEASE));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** The next due delivery, leased to the caller for {@code lease} and counting one more try; null when none is due. */
    Document claimNextDue(Duration lease) {
        Instant now = clock.instant();
        return deliveries.findOneAndUpdate(
                Filters.and(Filters.eq(STATE, State.PENDING.name()), Filters.lte(NEXT_ATTEMPT_AT, Date.from(now)),
                            Filters.lte(LEASED_UNTIL, Date.from(now))),
                Updates.combine(Updates.set(LEASED_UNTIL, Date.from(now.plus(lease))), Updates.inc(ATTEMPTS, 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending(NEXT_ATTEMPT_AT)).returnDocument(ReturnDocument.AFTER));
    }

    void delivered(Document claimed, int status) {
        settle(claimed, Updates.combine(Updates.set(STATE, State.DELIVERED.name()), Updates.set(DELIVERED_AT, Date.from(clock.instant())),
                                        Updates.set(LAST_STATUS, status), Updates.unset(LAST_ERROR), Updates.set(LEASED_UNTIL, NO_LEASE)));
    }

    void retryAt(Document claimed, Instant next, Integer status, String error) {
        settle(claimed, Updates.combine(Updates.set(NEXT_ATTEMPT_AT, Date.from(next)), Updates.set(LAST_STATUS, status),
                                        Updates.set(LAST_ERROR, error), Updates.set(LEASED_UNTIL, NO_LEASE)));
    }

    void dead(Document claimed, Integer status, String error) {
        settle(claimed, Updates.combine(Updates.set(STATE, State.DEAD.name()), Updates.set(LAST_STATUS, status),
                                        Updates.set(LAST_ERROR, error), Updates.set(LEASED_UNTIL, NO_LEASE)));
    }

    /** A dead letter back in line with a fresh count of tries; empty when there is no dead letter under that id. */
    Optional<Document> replay(String id) {
        Date now = Date.from(clock.instant());
        return Optional.ofNullable(deliveries.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq(STATE, State.DEAD.name())),
                Updates.combine(Updates.set(STATE, State.PENDING.name()), Updates.set(ATTEMPTS, 0), Updates.set(NEXT_ATTEMPT_AT, now),
                                Updates.set(LEASED_UNTIL, NO_LEASE)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(deliveries.find(Filters.eq("_id", id)).first());
    }

    /** One page in id order: those after {@code after} (null for the first page), in {@code state} (null for all). */
    List<Document> page(State state, String after, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (state != null) {
            filters.add(Filters.eq(STATE, state.name()));
        }
        if (after != null) {
            filters.add(Filters.gt("_id", after));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return deliveries.find(filter).sort(Sorts.ascending("_id")).limit(limit).into(new ArrayList<>());
    }

    /** An erased contact's personal data leaves the outbox too, whatever state its delivery is in. */
    void forget(String contactId) {
        deliveries.deleteMany(Filters.eq(CONTACT_ID, contactId));
    }

    private void settle(Document claimed, Bson update) {
        deliveries.updateOne(Filters.and(Filters.eq("_id", claimed.get("_id")), Filters.eq(LEASED_UNTIL, claimed.get(LEASED_UNTIL))), update);
    }
}
