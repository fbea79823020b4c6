package io.handraiser.handoff.routing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The sales reps and what they take. Configuration kept as plain documents, not events: a rep's settings have
 * no history worth replaying, and routing reads them on every handoff.
 */
@Component
public class Reps {

    private static final String LAST_ASSIGNED_AT = "lastAssignedAt";

    private final MongoCollection<Document> reps;

    public Reps(EventLogDatabases databases) {
        this.reps = databases.service().getCollection("reps");
    }

    public void save(Rep rep) {
        Document stored = Optional.ofNullable(reps.find(Filters.eq("_id", rep.id())).first()).orElseGet(Document::new);
        Document document = new Document("_id", rep.id())
                .append("name", rep.name())
                .append("territories", rep.territories())
                .append("industries", rep.industries())
                .append("tiers", rep.tiers())
                .append("capacity", rep.capacity())
                .append("available", rep.available())
                .append(LAST_ASSIGNED_AT, stored.getDate(LAST_ASSIGNED_AT));
        reps.replaceOne(Filters.eq("_id", rep.id()), document, new ReplaceOptions().upsert(true));
    }

    public Optional<Rep> find(String id) {
        return Optional.ofNullable(reps.find(Filters.eq("_id", id)).first()).map(Reps::rep);
    }

    public List<Rep> all() {
        return reps.find().sort(new Document("_id", 1)).map(Reps::rep).into(new ArrayList<>());
    }

    List<Document> available() {
        return reps.find(Filters.eq("available", true)).into(new ArrayList<>());
    }

    void markAssigned(String id, Instant at) {
        reps.updateOne(Filters.eq("_id", id), Updates.set(LAST_ASSIGNED_AT, Date.from(at)));
    }

    private static Rep rep(Document document) {
        return new Rep(document.getString("_id"), document.getString("name"), document.getList("territories", String.class),
                       document.getList("industries", String.class), document.getList("tiers", String.class),
                       document.getInteger("capacity"), document.getBoolean("available"));
    }
}
