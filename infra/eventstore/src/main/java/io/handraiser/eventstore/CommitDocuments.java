package io.handraiser.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The shape of the commit log. One document per commit holds every event of one unit of work, so a commit
 * becomes visible all at once without transactions. {@code _id} is the commit's global position. {@code keys}
 * holds one "aggregate#sequence" entry per domain event; a unique index on it turns a concurrent append to the
 * same aggregate into a duplicate key, whichever aggregates a commit touches. A fence is a document that holds
 * only a position: a reader claimed that position because nothing arrived there in time.
 */
final class CommitDocuments {

    static final String POSITION = "_id";
    static final String COMMIT_ID = "commit";
    static final String KEYS = "keys";
    static final String FENCED_AT = "fencedAt";
    static final String FIRST_TIMESTAMP = "timestamp";
    static final String EVENTS = "events";

    private static final String EVENT_ID = "eventId";
    private static final String AGGREGATE_TYPE = "aggregateType";
    private static final String AGGREGATE_ID = "aggregateId";
    private static final String SEQUENCE = "sequence";
    private static final String TIMESTAMP = "timestamp";
    private static final String PAYLOAD_TYPE = "payloadType";
    private static final String PAYLOAD_REVISION = "payloadRevision";
    private static final String PAYLOAD = "payload";
    private static final String META_DATA = "metaData";

    static final String SNAPSHOT_SEQUENCE = SEQUENCE;

    private CommitDocuments() {
    }

    static Document commit(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<Document> eventDocuments = new ArrayList<>(events.size());
        List<String> keys = new ArrayList<>();
        for (EventMessage<?> event : events) {
            eventDocuments.add(event(event, serializer));
            if (event instanceof DomainEventMessage<?> domainEvent) {
                keys.add(key(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber()));
            }
        }
        Document commit = new Document(COMMIT_ID, UUID.randomUUID().toString())
                .append(FIRST_TIMESTAMP, Date.from(events.get(0).getTimestamp()));
        if (!keys.isEmpty()) {
            commit.append(KEYS, keys);
        }
        return commit.append(EVENTS, eventDocuments);
    }

    static Document fence(long position, Instant at) {
        return new Document(POSITION, position).append(FENCED_AT, Date.from(at));
    }

    static Document snapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        return event(snapshot, serializer).append(POSITION, snapshot.getAggregateIdentifier());
    }

    static String key(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + '#' + sequenceNumber;
    }

    static boolean isFence(Document document) {
        return document.containsKey(FENCED_AT);
    }

    static List<Document> events(Document commit) {
        return commit.getList(EVENTS, Document.class);
    }

    static boolean belongsTo(Document event, String aggregateIdentifier) {
        return aggregateIdentifier.equals(event.getString(AGGREGATE_ID));
    }

    static long sequence(Document event) {
        return event.getLong(SEQUENCE);
    }

    static StoredEvent read(Document event, CommitPositionToken token) {
        String aggregateIdentifier = event.getString(AGGREGATE_ID);
        Instant timestamp = Instant.parse(event.getString(TIMESTAMP));
        if (aggregateIdentifier == null) {
            return new StoredEvent(token, event.getString(EVENT_ID), timestamp, event.getString(PAYLOAD_TYPE),
                                   event.getString(PAYLOAD_REVISION), event.getString(PAYLOAD), event.getString(META_DATA));
        }
        return new StoredEvent.OfAggregate(token, event.getString(EVENT_ID), timestamp, event.getString(PAYLOAD_TYPE),
                                           event.getString(PAYLOAD_REVISION), event.getString(PAYLOAD),
                                           event.getString(META_DATA), event.getString(AGGREGATE_TYPE),
                                           aggregateIdentifier, event.getLong(SEQUENCE));
    }

    private static Document event(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        Document document = new Document(EVENT_ID, event.getIdentifier());
        if (event instanceof DomainEventMessage<?> domainEvent) {
            document.append(AGGREGATE_TYPE, domainEvent.getType())
                    .append(AGGREGATE_ID, domainEvent.getAggregateIdentifier())
                    .append(SEQUENCE, domainEvent.getSequenceNumber());
        }
        return document.append(TIMESTAMP, event.getTimestamp().toString())
                       .append(PAYLOAD_TYPE, payload.getType().getName())
                       .append(PAYLOAD_REVISION, payload.getType().getRevision())
                       .append(PAYLOAD, payload.getData())
                       .append(META_DATA, metaData.getData());
    }
}
