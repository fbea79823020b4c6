package io.handraiser.contact.capture;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * One contact per email, a rule over all contacts that no single aggregate can enforce. The email is claimed
 * in the service's database under a unique key before any command is sent: of two concurrent captures of one
 * address exactly one claim wins, and both requests end at the winner's contact.
 */
@Component
public class EmailClaims {

    private static final String CONTACT_ID = "contactId";

    private final MongoCollection<Document> claims;

    public EmailClaims(EventLogDatabases databases) {
        this.claims = databases.service().getCollection("email_claims");
        claims.createIndex(Indexes.ascending(CONTACT_ID), new IndexOptions().name(CONTACT_ID));
    }

    /** The contact that owns {@code email}: {@code candidate} if this call claimed it, else the earlier owner. */
    public Claim claim(Email email, ContactId candidate) {
        try {
            claims.insertOne(new Document("_id", email.value()).append(CONTACT_ID, candidate.toString()));
            return new Claim(candidate, true);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return owner(email).map(owner -> new Claim(owner, false))
                               .orElseThrow(() -> new IllegalStateException("claim of " + email + " vanished"));
        }
    }

    public Optional<ContactId> owner(Email email) {
        return Optional.ofNullable(claims.find(Filters.eq("_id", email.value())).first())
                       .map(claim -> ContactId.of(claim.getString(CONTACT_ID)));
    }

    /** Frees every address {@code contact} holds, so the person can be captured again as a new contact. */
    public void release(ContactId contact) {
        claims.deleteMany(Filters.eq(CONTACT_ID, contact.toString()));
    }

    /** @param claimedNow true when this call made the claim, so the contact is new */
    public record Claim(ContactId contactId, boolean claimedNow) {
    }
}
