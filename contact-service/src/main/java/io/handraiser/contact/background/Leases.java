package io.handraiser.contact.background;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * Background work kept as one document per piece of work, owned by a lease. A worker claims a queued document, or one
 * whose lease ran out because its worker died; it renews the lease at every checkpoint; and every write it makes is
 * conditional on still owning it, so two workers never both write one document, and work whose worker died resumes
 * from its last checkpoint on any instance. Single-document updates only: no transaction is needed.
 */
public final class Leases {

    public static final String STATE = "state";
    public static final String OWNER = "owner";
    public static final String LEASE_UNTIL = "leaseUntil";

    private final MongoCollection<Document> documents;
    private final String queued;
    private final String running;

    /** @param queued the state of work not started; {@code running}, that of work owned by a lease */
    public Leases(MongoCollection<Document> documents, String queued, String running) {
        this.documents = documents;
        this.queued = queued;
        this.running = running;
    }

    /** Work nobody owns: queued, or running under a lease that ran out. */
    public Bson claimable(Instant now) {
        return or(eq(STATE, queued), and(eq(STATE, running), lt(LEASE_UNTIL, Date.from(now))));
    }

    /** The first claimable document among {@code among} in {@code order}, now owned by {@code owner}. */
    public Optional<Document> claim(Bson among, Bson order, String owner, Instant now, Instant leaseUntil) {
        Document claimed = documents.findOneAndUpdate(and(among, claimable(now)),
                Updates.combine(Updates.set(STATE, running), Updates.set(OWNER, owner), Updates.set(LEASE_UNTIL, Date.from(leaseUntil)),
                                Updates.min("startedAt", Date.from(now)), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(order).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed);
    }

    /** @return false when another worker took the work over: this one must stop */
    public boolean renew(Object id, String owner, Bson progress, Instant leaseUntil) {
        return documents.updateOne(owned(id, owner), Updates.combine(progress, Updates.set(LEASE_UNTIL, Date.from(leaseUntil))))
                        .getMatchedCount() == 1;
    }

    /** Ends the work in {@code finalState}, which no claim takes again. */
    public boolean end(Object id, String owner, String finalState, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        all.add(Updates.set(STATE, finalState));
        all.add(Updates.unset(LEASE_UNTIL));
        return documents.updateOne(owned(id, owner), Updates.combine(all)).getMatchedCount() == 1;
    }

    /** Gives the work back at once, for a worker that stops (the service shuts down) to be resumed without waiting. */
    public void release(Object id, String owner, Instant now) {
        documents.updateOne(owned(id, owner), Updates.set(LEASE_UNTIL, Date.from(now)));
    }

    private Bson owned(Object id, String owner) {
        return and(eq("_id", id), eq(OWNER, owner), eq(STATE, running));
    }
}
