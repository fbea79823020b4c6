package io.handraiser.contact.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The contact read model: one document per contact. Each document remembers the sequence number of the last
 * event applied to it, and an update applies only to a document behind that event, so a redelivered event
 * changes nothing and no update needs a transaction with the processor's token.
 */
@Component
public class ContactViews {

    static final String LAST_SEQUENCE = "lastSequence";
    static final String EMAIL = "email";
    private static final String LEGACY_EMAIL_INDEX = "email";

    private final MongoCollection<Document> contacts;

    public ContactViews(EventLogDatabases databases) {
        this.contacts = databases.service().getCollection("contacts");
        dropLegacyUniqueEmailIndex();
    }

    /**
     * The view once kept emails unique; an erased contact keeps no email and a re-captured person gets a new
     * contact, so uniqueness is {@code EmailClaims}' rule alone and the index would refuse valid views.
     */
    private void dropLegacyUniqueEmailIndex() {
        for (Document index : contacts.listIndexes()) {
            if (LEGACY_EMAIL_INDEX.equals(index.getString("name"))) {
                contacts.dropIndex(LEGACY_EMAIL_INDEX);
            }
        }
    }

    public boolean exists(ContactId id) {
        return contacts.countDocuments(Filters.eq("_id", id.toString())) > 0;
    }

    public Optional<Document> find(ContactId id) {
        return Optional.ofNullable(contacts.find(Filters.eq("_id", id.toString())).first());
    }

    void create(String id, long sequence, Document fields) {
        try {
            Document contact = new Document("_id", id).append(LAST_SEQUENCE, sequence);
            contact.putAll(fields);
            contacts.insertOne(contact);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Applies {@code update} unless the document has seen event {@code sequence} already. */
    void apply(String id, long sequence, Bson update) {
        contacts.updateOne(Filters.and(Filters.eq("_id", id), Filters.lt(LAST_SEQUENCE, sequence)),
                           Updates.combine(update, Updates.set(LAST_SEQUENCE, sequence)));
    }

    void deleteAll() {
        contacts.deleteMany(new Document());
    }
}
