package io.handraiser.contact.mautic;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Handraiser contact a Mautic contact id stands for. Mautic puts the contact's fields into some payloads
 * only partly (a page hit, an e-mail open may carry the id alone), so the link found at the last event that
 * named the email is what addresses the contact then. Ids only: nothing here is personal data.
 */
@Component
class MauticLinks {

    private static final String CONTACT_ID = "contactId";

    private final MongoCollection<Document> links;

    MauticLinks(EventLogDatabases databases) {
        this.links = databases.service().getCollection("mautic_contacts");
    }

    Optional<ContactId> contact(String mauticId) {
        if (mauticId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(links.find(Filters.eq("_id", mauticId)).first())
                       .map(link -> ContactId.of(link.getString(CONTACT_ID)));
    }

    void link(String mauticId, ContactId contact) {
        if (mauticId != null) {
            links.replaceOne(Filters.eq("_id", mauticId), new Document("_id", mauticId).append(CONTACT_ID, contact.toString()),
                             new ReplaceOptions().upsert(true));
        }
    }

    /** Mautic deleted its contact; an id it may reuse must not lead to ours. */
    void unlink(String mauticId) {
        if (mauticId != null) {
            links.deleteOne(Filters.eq("_id", mauticId));
        }
    }

    /** The Mautic ids that lead to {@code contact}: Mautic may know one person under several after a merge. */
    List<String> mauticIds(ContactId contact) {
        List<String> ids = new ArrayList<>();
        links.find(Filters.eq(CONTACT_ID, contact.toString())).forEach(link -> ids.add(link.getString("_id")));
        return ids;
    }
}
