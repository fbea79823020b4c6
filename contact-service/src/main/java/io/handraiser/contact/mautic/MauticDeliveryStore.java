package io.handraiser.contact.mautic;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.handraiser.contact.background.Leases;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

/**
 * Mautic deliveries as received, until applied. {@code mautic_deliveries} holds one document per delivery, keyed by
 * the digest of its body (so the same body is one delivery however often it comes), with the raw body until every
 * event is applied and the worker's checkpoint ({@code next}: the events before it are done), owned through
 * {@link Leases}. {@code mautic_delivery_events} holds what became of each applied event; a failed one keeps its own
 * event until it is retried, so that it can be.
 */
@Component
class MauticDeliveryStore {

    enum State { QUEUED, RUNNING, APPLIED }

    enum EventState { APPLIED, FAILED }

    static final String BODY = "body";
    static final String NEXT = "next";
    static final String RECEIVED_AT = "receivedAt";
    private static final String EVENTS = "events";
    private static final String DELIVERY = "delivery";
    private static final String INDEX = "index";
    private static final String STATE = Leases.STATE;
    private static final String CONTACT_ID = "contactId";
    private static final String MAUTIC_ID = "mauticId";
    private static final String DETAIL = "detail";
    private static final String EVENT = "event";

    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> events;
    private final Leases leases;

    MauticDeliveryStore(EventLogDatabases databases) {
        this.deliveries = databases.service().getCollection("mautic_deliveries");
        this.events = databases.service().getCollection("mautic_delivery_events");
        this.leases = new Leases(deliveries, State.QUEUED.name(), State.RUNNING.name());
        deliveries.createIndex(Indexes.ascending(STATE, RECEIVED_AT, "_id"));
        events.createIndex(Indexes.ascending(DELIVERY, INDEX), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending(CONTACT_ID));
        events.createIndex(Indexes.ascending(MAUTIC_ID));
    }

    /** @return false when a delivery of the same body was stored before: it is that one */
    boolean store(String id, byte[] body, int eventCount, Instant now) {
        try {
            deliveries.insertOne(new Document("_id", id).append(STATE, State.QUEUED.name()).append(RECEIVED_AT, Date.from(now))
                                                        .append(BODY, new Binary(body)).append("bytes", body.length)
                                                        .append(EVENTS, eventCount).append(NEXT, 0).append("attempts", 0)
                                                        .append("applied", 0).append("failed", 0).append("outcomes", new Document()));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(deliveries.find(eq("_id", id)).projection(Projections.exclude(BODY)).first());
    }

    /**
     * The oldest delivery not yet applied, now owned by {@code owner}; none while that one is owned by a live worker,
     * so deliveries are applied one after another, in the order they were received.
     */
    Optional<Document> claimOldest(String owner, Instant now, Instant leaseUntil) {
        Document oldest = deliveries.find(ne(STATE, State.APPLIED.name())).sort(Sorts.ascending(RECEIVED_AT, "_id"))
                                    .projection(Projections.include("_id")).first();
        if (oldest == null) {
            return Optional.empty();
        }
        return leases.claim(eq("_id", oldest.get("_id")), Sorts.ascending("_id"), owner, now, leaseUntil);
    }

    /**
     * Records what became of a chunk of events, then moves the checkpoint past them. A worker resumed after a crash
     * applies again the chunk it had not checkpointed; the first record of an event is the one kept.
     *
     * @return false when another worker took the delivery over: this one must stop
     */
    boolean checkpoint(String id, String owner, List<Document> records, int next, Instant leaseUntil) {
        insertAbsent(records);
        return leases.renew(id, owner, Updates.set(NEXT, next), leaseUntil);
    }

    /** Every event is applied: the raw body, with the personal data of everyone in it, is deleted. */
    void finish(String id, String owner, Instant now) {
        Totals totals = totals(id);
        leases.end(id, owner, State.APPLIED.name(), Updates.unset(BODY), Updates.set("appliedAt", Date.from(now)), totals.updates());
    }

    /** How many of a delivery's events are applied and failed, and with which outcome, counted from their records. */
    Totals totals(String delivery) {
        Map<String, Integer> outcomes = new TreeMap<>();
        int applied = 0;
        int failed = 0;
        for (Document group : events.aggregate(List.of(Aggregates.match(eq(DELIVERY, delivery)),
                Aggregates.group(new Document(STATE, "$" + STATE).append("outcome", "$outcome"), Accumulators.sum("count", 1))))) {
            Document key = group.get("_id", Document.class);
            int count = group.getInteger("count");
            outcomes.merge(key.getString("outcome"), count, Integer::sum);
            if (EventState.FAILED.name().equals(key.getString(STATE))) {
                failed += count;
            } else {
                applied += count;
            }
        }
        return new Totals(applied, failed, outcomes);
    }

    record Totals(int applied, int failed, Map<String, Integer> outcomes) {
        Bson updates() {
            return Updates.combine(Updates.set("applied", applied), Updates.set("failed", failed),
                                   Updates.set("outcomes", new Document(new LinkedHashMap<>(outcomes))));
        }
    }

    void release(String id, String owner, Instant now) {
        leases.release(id, owner, now);
    }

    static Document event(String delivery, int index, String type, EventState state, String outcome, String contactId,
                          String mauticId, String detail, Document failedEvent, Instant at) {
        Document event = new Document("_id", delivery + ":" + index).append(DELIVERY, delivery).append(INDEX, index).append("type", type)
                                                                   .append(STATE, state.name()).append("outcome", outcome)
                                                                   .append(CONTACT_ID, contactId).append(MAUTIC_ID, mauticId)
                                                                   .append(DETAIL, detail).append("at", Date.from(at));
        if (failedEvent != null) {
            event.append(EVENT, failedEvent);
        }
        return event;
    }

    /** @param state null for every state */
    List<Document> events(String delivery, EventState state, int afterIndex, int limit) {
        Bson filter = and(eq(DELIVERY, delivery), gt(INDEX, afterIndex));
        if (state != null) {
            filter = and(filter, eq(STATE, state.name()));
        }
        return events.find(filter).projection(Projections.exclude(EVENT)).sort(Sorts.ascending(INDEX)).limit(limit).into(new ArrayList<>());
    }

    Optional<Document> event(String delivery, int index) {
        return Optional.ofNullable(events.find(and(eq(DELIVERY, delivery), eq(INDEX, index))).first());
    }

    /** A failed event applied again: its record is replaced, and it keeps its own event only if it failed again. */
    void retried(Document before, Document after) {
        events.replaceOne(eq("_id", before.get("_id")), after);
        String delivery = before.getString(DELIVERY);
        deliveries.updateOne(and(eq("_id", delivery), eq(STATE, State.APPLIED.name())), totals(delivery).updates());
    }

    /** @param state null for every delivery; a delivery is "failed" when any of its events failed */
    List<Document> page(String state, Instant beforeReceived, String beforeId, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (state != null) {
            filters.add(switch (state) {
                case "pending" -> ne(STATE, State.APPLIED.name());
                case "applied" -> and(eq(STATE, State.APPLIED.name()), eq("failed", 0));
                default -> gt("failed", 0);
            });
        }
        if (beforeReceived != null) {
            Date at = Date.from(beforeReceived);
            filters.add(or(Filters.lt(RECEIVED_AT, at), and(eq(RECEIVED_AT, at), Filters.lt("_id", beforeId))));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        return deliveries.find(filter).projection(Projections.exclude(BODY)).sort(Sorts.descending(RECEIVED_AT, "_id")).limit(limit)
                         .into(new ArrayList<>());
    }

    /** When the oldest delivery not yet applied was received; empty when all are applied. */
    Optional<Instant> oldestPending() {
        Document oldest = deliveries.find(ne(STATE, State.APPLIED.name())).sort(Sorts.ascending(RECEIVED_AT))
                                    .projection(Projections.include(RECEIVED_AT)).first();
        return Optional.ofNullable(oldest).map(document -> document.getDate(RECEIVED_AT).toInstant());
    }

    long pendingDeliveries() {
        return deliveries.countDocuments(ne(STATE, State.APPLIED.name()));
    }

    /**
     * A contact was erased: what the records of its events say about the person (a failed event kept for a retry, a
     * detail naming a field's value) is deleted; ids and outcomes stay.
     */
    long forget(String contactId, Collection<String> mauticIds) {
        Bson theirs = mauticIds.isEmpty() ? eq(CONTACT_ID, contactId) : or(eq(CONTACT_ID, contactId), in(MAUTIC_ID, mauticIds));
        return events.updateMany(theirs, Updates.combine(Updates.unset(EVENT), Updates.set(DETAIL, "erased"))).getModifiedCount();
    }

    private void insertAbsent(List<Document> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            events.insertMany(records, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                                      .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }
}
