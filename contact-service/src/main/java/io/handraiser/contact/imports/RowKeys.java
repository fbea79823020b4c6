package io.handraiser.contact.imports;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.handraiser.contact.erasure.Erasure;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows imported before, by a key derived from each row's content (a digest, never the values), under the
 * collection's unique {@code _id}. A row is marked after its commands succeeded, so a row whose job died
 * before its mark is simply done again, which its commands absorb; a marked row is a duplicate, in a re-run of
 * the same file or repeated within one file.
 * <p>
 * A key is a digest of the row, email included, so it goes with the contact when the contact is erased.
 */
@Component
@ProcessingGroup(Erasure.PROCESSING_GROUP)
class RowKeys {

    private static final String CONTACT_ID = "contactId";

    private final MongoCollection<Document> keys;

    RowKeys(EventLogDatabases databases) {
        this.keys = databases.service().getCollection("import_rows");
    }

    Set<String> seen(Collection<String> candidates) {
        Set<String> seen = new HashSet<>();
        if (!candidates.isEmpty()) {
            keys.find(Filters.in("_id", candidates)).projection(Projections.include("_id")).forEach(key -> seen.add(key.getString("_id")));
        }
        return seen;
    }

    void mark(List<Document> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            keys.insertMany(rows, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // another job importing the same rows at the same time marked some first
            boolean onlyRepeats = e.getWriteErrors().stream()
                                   .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyRepeats) {
                throw e;
            }
        }
    }

    static Document marker(String key, String jobId, long row, String contactId) {
        return new Document("_id", key).append("jobId", jobId).append("row", row).append(CONTACT_ID, contactId);
    }

    @EventHandler
    void on(ContactErased event) {
        keys.deleteMany(Filters.eq(CONTACT_ID, event.contactId().toString()));
    }
}
