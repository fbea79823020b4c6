package io.handraiser.handoff.inbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.Profile;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a contact is, as a rep needs it in the inbox and routing needs it to pick a rep: name, company, title,
 * email, industry, country. Personal, so it goes on {@link ContactErased}. Profile updates only ever set fields,
 * so applying one twice is harmless and no sequence guard is needed.
 */
@Component
@ProcessingGroup("contact-cards")
public class ContactCards {

    private final MongoCollection<Document> cards;

    public ContactCards(EventLogDatabases databases) {
        this.cards = databases.service().getCollection("contact_cards");
    }

    public Optional<Document> find(ContactId id) {
        return Optional.ofNullable(cards.find(Filters.eq("_id", id.toString())).first());
    }

    @EventHandler
    void on(ContactCaptured event) {
        List<Bson> fields = profileFields(event.profile());
        if (event.email() != null) {
            fields.add(Updates.set("email", event.email().value()));
        }
        upsert(event.contactId(), fields);
    }

    @EventHandler
    void on(ContactProfileUpdated event) {
        upsert(event.contactId(), profileFields(event.changes()));
    }

    @EventHandler
    void on(ContactErased event) {
        cards.deleteOne(Filters.eq("_id", event.contactId().toString()));
    }

    @ResetHandler
    void rebuildFromNothing() {
        cards.deleteMany(new Document());
    }

    private void upsert(ContactId id, List<Bson> fields) {
        if (!fields.isEmpty()) {
            cards.updateOne(Filters.eq("_id", id.toString()), Updates.combine(fields), new UpdateOptions().upsert(true));
        }
    }

    private static List<Bson> profileFields(Profile profile) {
        List<Bson> fields = new ArrayList<>();
        setIfPresent(fields, "firstName", profile.firstName());
        setIfPresent(fields, "lastName", profile.lastName());
        setIfPresent(fields, "company", profile.company());
        setIfPresent(fields, "jobTitle", profile.jobTitle());
        setIfPresent(fields, "industry", profile.industry());
        setIfPresent(fields, "companySize", profile.companySize());
        setIfPresent(fields, "country", profile.country());
        return fields;
    }

    private static void setIfPresent(List<Bson> fields, String field, Object value) {
        if (value != null) {
            fields.add(Updates.set(field, value));
        }
    }
}
