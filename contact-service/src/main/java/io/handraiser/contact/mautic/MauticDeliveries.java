package io.handraiser.contact.mautic;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;

/**
 * The Mautic events already handled, keyed by {@link MauticEvent#key()} under the collection's unique {@code _id}.
 * An event is marked only after its commands succeeded, so a crash in between makes Mautic's retry run them
 * again, which the commands absorb (capture is an upsert, an engagement id records once); a marked event is
 * answered as a duplicate without touching the contact.
 */
@Component
class MauticDeliveries {

    private final MongoCollection<Document> handled;

    MauticDeliveries(EventLogDatabases databases) {
        this.handled = databases.service().getCollection("mautic_events");
    }

    boolean handled(String key) {
        return handled.find(Filters.eq("_id", key)).limit(1).first() != null;
    }

    void markHandled(String key, String type, String outcome, Instant at) {
        try {
            handled.insertOne(new Document("_id", key).append("type", type).append("outcome", outcome).append("at", Date.from(at)));
        } catch (MongoWriteException e) {
            // a concurrent delivery of the same event marked it first: the commands ran idempotently either way
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
