package io.handraiser.local;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every query and write gives the same answer on the indexed backend as on the library's own, whether or not it pins
 * an id; unique indexes keep their promise with keys in value order; a data file of the library's backend opens.
 */
class IndexedH2BackendTest {

    private static final int DOCUMENTS = 200;

    private MongoServer stockServer;
    private MongoServer pinningServer;
    private MongoClient stockClient;
    private MongoClient pinningClient;
    private MongoCollection<Document> stock;
    private MongoCollection<Document> pinning;

    @BeforeEach
    void twoServersWithTheSameDocuments() {
        stockServer = new MongoServer(new H2Backend((String) null));
        pinningServer = new MongoServer(new IndexedH2Backend(null));
        stockClient = MongoClients.create("mongodb://" + address(stockServer));
        pinningClient = MongoClients.create("mongodb://" + address(pinningServer));
        stock = stockClient.getDatabase("test").getCollection("things");
        pinning = pinningClient.getDatabase("test").getCollection("things");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(new Document("_id", "c" + i).append("lastSequence", (long) (i % 5)).append("version", i % 3)
                                                       .append("tags", List.of("t" + (i % 4))));
        }
        stock.insertMany(documents);
        pinning.insertMany(documents);
    }

    @AfterEach
    void stop() {
        stockClient.close();
        pinningClient.close();
        stockServer.shutdownNow();
        pinningServer.shutdownNow();
    }

    @Test
    void queriesAnswerAsTheLibrarysOwnBackendDoes() {
        List<Bson> filters = List.of(
                Filters.and(Filters.eq("_id", "c7"), Filters.lt("lastSequence", 3L)),
                Filters.and(Filters.eq("_id", "c7"), Filters.lt("lastSequence", 2L)),
                Filters.and(Filters.eq("_id", "c8"), Filters.eq("version", 2)),
                new Document("_id", "c8").append("version", 2),
                new Document("_id", "c8").append("version", 1),
                new Document("$and", List.of(new Document("_id", new Document("$eq", "c9")), new Document("tags", "t1"))),
                Filters.and(Filters.eq("_id", "missing"), Filters.eq("version", 0)),
                Filters.eq("_id", "c3"),
                Filters.and(Filters.in("_id", "c1", "c2", "c3"), Filters.eq("version", 1)),
                Filters.and(Filters.gt("_id", "c50"), Filters.eq("version", 1)),
                Filters.and(Filters.regex("_id", Pattern.compile("^c1")), Filters.eq("version", 2)),
                Filters.or(Filters.eq("_id", "c1"), Filters.eq("_id", "c2")),
                Filters.and(Filters.eq("version", 1), Filters.eq("_id", "c10")));

        for (Bson filter : filters) {
            assertThat(ids(pinning, filter)).as("%s", filter).isEqualTo(ids(stock, filter));
            assertThat(pinning.countDocuments(filter)).as("count of %s", filter).isEqualTo(stock.countDocuments(filter));
        }
        assertThat(ids(stock, Filters.and(Filters.eq("_id", "c7"), Filters.lt("lastSequence", 3L)))).containsExactly("c7");
    }

    @Test
    void conditionalWritesByIdChangeWhatTheLibrarysOwnBackendChanges() {
        for (MongoCollection<Document> things : List.of(stock, pinning)) {
            things.updateOne(Filters.and(Filters.eq("_id", "c7"), Filters.lt("lastSequence", 3L)), Updates.set("lastSequence", 9L));
            things.updateOne(Filters.and(Filters.eq("_id", "c7"), Filters.lt("lastSequence", 3L)), Updates.set("lastSequence", 10L));
            things.replaceOne(Filters.and(Filters.eq("_id", "c8"), Filters.eq("version", 2)), new Document("_id", "c8").append("version", 3));
            things.replaceOne(Filters.and(Filters.eq("_id", "c8"), Filters.eq("version", 2)), new Document("_id", "c8").append("version", 4));
            things.deleteOne(Filters.and(Filters.eq("_id", "c11"), Filters.eq("version", 2)));
            things.deleteOne(Filters.and(Filters.eq("_id", "c12"), Filters.eq("version", 2)));
            things.findOneAndUpdate(Filters.and(Filters.eq("_id", "c13"), Filters.eq("version", 1)), Updates.inc("version", 1),
                                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        }

        Function<MongoCollection<Document>, List<Document>> all = things -> things.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(all.apply(pinning)).isEqualTo(all.apply(stock));
        assertThat(stock.find(Filters.eq("_id", "c7")).first()).containsEntry("lastSequence", 9L);
        assertThat(stock.find(Filters.eq("_id", "c8")).first()).containsEntry("version", 3);
        assertThat(stock.countDocuments()).isEqualTo(DOCUMENTS - 1);
    }

    @Test
    void uniqueIndexesStillRefuseADuplicateAndFindEveryKey() {
        for (int i = 0; i < DOCUMENTS; i++) {
            pinning.updateOne(Filters.eq("_id", "c" + i), Updates.set("email", "person" + (DOCUMENTS - i) + "@example.com"));
        }
        pinning.createIndex(new Document("email", 1), new IndexOptions().unique(true));

        assertThatThrownBy(() -> pinning.insertOne(new Document("_id", "c0").append("email", "new@example.com")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> pinning.insertOne(new Document("_id", "other").append("email", "person1@example.com")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        for (int i = 0; i < DOCUMENTS; i++) {
            assertThat(pinning.find(Filters.eq("email", "person" + (DOCUMENTS - i) + "@example.com")).first()).containsEntry("_id", "c" + i);
            assertThat(pinning.find(Filters.in("_id", "c" + i, "none")).into(new ArrayList<>())).hasSize(1);
        }
    }

    @Test
    void aDataFileOfTheLibrarysOwnBackendOpensWithItsIndexesBuiltAnewAndBack(@TempDir Path data) {
        String file = data.resolve("mongo.mv").toString();
        withThings(new H2Backend(file), things -> {
            things.createIndex(new Document("email", 1), new IndexOptions().unique(true));
            things.insertMany(List.of(new Document("_id", 1L).append("email", "ana@example.com"),
                                      new Document("_id", 2L).append("email", "bo@example.com")));
        });

        withThings(new IndexedH2Backend(file), things -> {
            assertThat(things.find(Filters.eq("_id", 2L)).first()).containsEntry("email", "bo@example.com");
            assertThat(things.find(Filters.eq("email", "ana@example.com")).first()).containsEntry("_id", 1L);
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 3L).append("email", "bo@example.com")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            things.insertOne(new Document("_id", 3L).append("email", "cy@example.com"));
        });

        // and back: the library finds what was written here, its own stale index maps having been dropped
        withThings(new H2Backend(file), things ->
                assertThat(things.find(Filters.eq("email", "cy@example.com")).first()).containsEntry("_id", 3L));
    }

    /** Serves {@code backend} until {@code use} is done with its collection of things, then closes it and its file. */
    private static void withThings(H2Backend backend, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
            use.accept(client.getDatabase("test").getCollection("things"));
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }

    @Test
    void aCursorIsAnsweredInBatchesAsMongoDbAnswersIt() {
        List<Integer> batches = new ArrayList<>();
        CommandListener replies = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                if (cursor != null) {
                    batches.add(cursor.getArray(cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch").size());
                }
            }
        };
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString("mongodb://" + address(pinningServer)))
                                                          .addCommandListener(replies).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> many = client.getDatabase("test").getCollection("many");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                documents.add(new Document("_id", i));
            }
            many.insertMany(documents);

            assertThat(many.find().into(new ArrayList<>())).hasSize(2_500);
            assertThat(batches).containsExactly(IndexedH2Backend.FIRST_BATCH, IndexedH2Backend.LATER_BATCH, IndexedH2Backend.LATER_BATCH,
                                                2_500 - IndexedH2Backend.FIRST_BATCH - 2 * IndexedH2Backend.LATER_BATCH);

            batches.clear();
            assertThat(many.find().batchSize(700).into(new ArrayList<>())).hasSize(2_500);
            assertThat(batches).containsExactly(700, 700, 700, 400);
        }
    }

    @Test
    void recognisesTheQueriesThatPinAnId() {
        assertThat(IndexedH2Backend.pinnedId(doc("{_id: 'a', v: 1}"))).isEqualTo("a");
        assertThat(IndexedH2Backend.pinnedId(doc("{$and: [{v: {$lt: 3}}, {_id: 'a'}]}"))).isEqualTo("a");
        assertThat(IndexedH2Backend.pinnedId(doc("{_id: {$eq: 7}, v: 1}"))).isEqualTo(7);
        assertThat(IndexedH2Backend.pinnedId(doc("{_id: {$gt: 'a'}, v: 1}"))).isNull();
        assertThat(IndexedH2Backend.pinnedId(doc("{_id: {$in: ['a', 'b']}, v: 1}"))).isNull();
        assertThat(IndexedH2Backend.pinnedId(doc("{_id: null, v: 1}"))).isNull();
        assertThat(IndexedH2Backend.pinnedId(doc("{$or: [{_id: 'a'}, {_id: 'b'}]}"))).isNull();
        assertThat(IndexedH2Backend.pinnedId(doc("{v: 1}"))).isNull();
    }

    private static de.bwaldvogel.mongo.bson.Document doc(String json) {
        return toServerDocument(Document.parse(json));
    }

    private static de.bwaldvogel.mongo.bson.Document toServerDocument(Document parsed) {
        de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
        parsed.forEach((key, value) -> converted.put(key, toServerValue(value)));
        return converted;
    }

    private static Object toServerValue(Object value) {
        if (value instanceof Document nested) {
            return toServerDocument(nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(IndexedH2BackendTest::toServerValue).toList();
        }
        return value;
    }

    private static List<String> ids(MongoCollection<Document> things, Bson filter) {
        return things.find(filter).sort(Sorts.ascending("_id")).map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    private static String address(MongoServer server) {
        var bound = server.bind();
        return bound.getHostString() + ":" + bound.getPort();
    }
}
