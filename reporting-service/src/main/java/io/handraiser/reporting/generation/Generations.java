package io.handraiser.reporting.generation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which generation of the reporting collections answers, and which one a rebuild is filling. Both live in one
 * pointer document, so moving reports to a rebuilt generation is a single-document update: atomic without a
 * transaction, on the embedded server as on a replica set.
 */
@Component
public class Generations {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);
    private static final String POINTER = "pointer";
    private static final String ACTIVE = "active";
    private static final String BUILDING = "building";
    private static final String LAST = "last";
    private static final Pattern GENERATION_COLLECTION = Pattern.compile("g(\\d+)_.*");

    private final MongoDatabase database;
    private final MongoCollection<Document> pointers;
    /** What the live projection writes to: the active generation, and the one being built while a rebuild runs. */
    private volatile List<Generation> writeTargets;

    public Generations(EventLogDatabases databases) {
        this.database = databases.service();
        this.pointers = database.getCollection("generations");
        Document pointer = pointers.findOneAndUpdate(Filters.eq("_id", POINTER),
                                                     Updates.combine(Updates.setOnInsert(ACTIVE, 1), Updates.setOnInsert(LAST, 1)),
                                                     new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        Integer interrupted = pointer.getInteger(BUILDING);
        if (interrupted != null) {
            // The rebuild that filled it ran in a process that stopped; its reader's place is gone with it.
            log.warn("Dropping generation {}: the rebuild filling it was interrupted by a stop", interrupted);
            pointers.updateOne(Filters.eq("_id", POINTER), Updates.unset(BUILDING));
            drop(interrupted);
        }
        Generation active = generation(pointer.getInteger(ACTIVE));
        createIndexes(active);
        this.writeTargets = List.of(active);
    }

    /** The generation reports read now; read from the database so every instance follows a switch at once. */
    public Generation active() {
        Document pointer = pointers.find(Filters.eq("_id", POINTER)).first();
        return generation(pointer.getInteger(ACTIVE));
    }

    public List<Generation> writeTargets() {
        return writeTargets;
    }

    /**
     * Opens a new, empty generation and makes the live projection write to it as well as to the active one,
     * from this moment on.
     *
     * @throws RuleViolation when a rebuild is filling a generation already
     */
    public synchronized Generation startBuilding() {
        Document current = pointers.find(Filters.eq("_id", POINTER)).first();
        int next = current.getInteger(LAST) + 1;
        // compare-and-set on the last number handed out, so two instances cannot both start a rebuild
        Document pointer = pointers.findOneAndUpdate(Filters.and(Filters.eq("_id", POINTER), Filters.exists(BUILDING, false),
                                                                 Filters.eq(LAST, current.getInteger(LAST))),
                                                     Updates.combine(Updates.set(LAST, next), Updates.set(BUILDING, next)),
                                                     new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (pointer == null) {
            throw new RuleViolation("rebuild-running", "a rebuild is running already; follow it with GET /api/reports/rebuild");
        }
        Generation building = generation(next);
        drop(next);
        createIndexes(building);
        writeTargets = List.of(generation(pointer.getInteger(ACTIVE)), building);
        return building;
    }

    /**
     * Makes {@code built} the generation that answers. The one it replaces stays until the next switch, so a
     * report that started reading it a moment ago still finishes; older ones are dropped.
     */
    public synchronized void switchTo(Generation built) {
        Document before = pointers.findOneAndUpdate(Filters.and(Filters.eq("_id", POINTER), Filters.eq(BUILDING, built.number())),
                                                    Updates.combine(Updates.set(ACTIVE, built.number()), Updates.unset(BUILDING)));
        if (before == null) {
            throw new IllegalStateException(built + " is not the generation being built");
        }
        writeTargets = List.of(built);
        int replaced = before.getInteger(ACTIVE);
        for (int older : existingGenerations()) {
            if (older < replaced) {
                drop(older);
            }
        }
    }

    /** Gives up a generation a rebuild could not finish; the active one answers on as before. */
    public synchronized void abandon(Generation building) {
        pointers.updateOne(Filters.and(Filters.eq("_id", POINTER), Filters.eq(BUILDING, building.number())), Updates.unset(BUILDING));
        writeTargets = List.of(active());
        drop(building.number());
    }

    private Generation generation(int number) {
        return new Generation(number, database);
    }

    private List<Integer> existingGenerations() {
        return database.listCollectionNames().into(new ArrayList<>()).stream()
                       .map(GENERATION_COLLECTION::matcher)
                       .filter(Matcher::matches)
                       .map(matcher -> Integer.parseInt(matcher.group(1)))
                       .distinct()
                       .toList();
    }

    private void drop(int number) {
        Generation generation = generation(number);
        for (FactKind kind : FactKind.values()) {
            generation.collection(kind).drop();
        }
    }

    /** Single-field indexes only: the embedded server ignores non-unique compound ones. */
    private static void createIndexes(Generation generation) {
        MongoCollection<Document> contacts = generation.collection(FactKind.CONTACTS);
        contacts.createIndex(Indexes.ascending("source"));
        contacts.createIndex(Indexes.ascending("campaign"));
        MongoCollection<Document> decisions = generation.collection(FactKind.DECISIONS);
        decisions.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        decisions.createIndex(Indexes.ascending("contactId"));
        decisions.createIndex(Indexes.ascending("actor.id"));
        generation.collection(FactKind.HANDOFFS).createIndex(Indexes.ascending("openedAt"));
    }
}
