package io.handraiser.local;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * mongo-java-server's H2 backend, except that a query which pins one document by {@code _id} and adds conditions
 * ({@code {_id: x, version: 3}}, {@code {$and: [{_id: x}, {lastSequence: {$lt: 7}}]}}) reads that one document
 * instead of the whole collection.
 * <p>
 * The library uses an index only for a query that names exactly the index's keys. So every conditional write by id
 * scanned its collection, and on this backend a scan deserializes each document from the store. These are the
 * optimistic version checks and the projections' "not seen yet" guards, which run once per event. With 10,000
 * contacts the suite handled about 16 commits a second, and each new contact made it slower. MongoDB answers these
 * queries from its {@code _id} index; this brings the embedded server's cost in line with it. The answer is the
 * same either way: the document with that id is matched against the whole query, as a scan would match it.
 */
final class IdPinningH2Backend extends H2Backend {

    private static final String ID = "_id";

    IdPinningH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * The value a document's {@code _id} must equal for {@code query} to match it, or null when the query does not
     * pin one (no {@code _id} condition, or a range, a regular expression, a list of ids).
     */
    static Object pinnedId(Document query) {
        if (query.containsKey(ID)) {
            return equalityValue(query.get(ID));
        }
        if (query.get("$and") instanceof Collection<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document condition) {
                    Object id = pinnedId(condition);
                    if (id != null) {
                        return id;
                    }
                }
            }
        }
        return null;
    }

    private static Object equalityValue(Object condition) {
        if (condition instanceof Document operators) {
            // {$eq: x} pins x; an operator of any other kind does not, and a plain document id is left to the library
            return operators.size() == 1 && operators.containsKey("$eq") ? equalityValue(operators.get("$eq")) : null;
        }
        if (condition == null || condition instanceof Collection<?> || BsonRegularExpression.isRegularExpression(condition)) {
            return null;
        }
        return condition;
    }

    /** Inner, so that the backend's store is at hand while H2Database's constructor opens the stored collections. */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, IdPinningH2Backend.this.getMvStore(), IdPinningH2Backend.this.getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            // the names H2Database gives a collection's maps (mongo-java-server 1.47.0), so that a data file written
            // by the library's own backend opens here and the other way round
            MVMap<Object, Document> documents = IdPinningH2Backend.this.getMvStore().openMap("databases." + namespace);
            MVMap<String, Object> metadata = IdPinningH2Backend.this.getMvStore().openMap("meta." + namespace);
            return new PinnedCollection(this, collectionName, options, documents, metadata);
        }
    }

    private final class PinnedCollection extends H2Collection {

        PinnedCollection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> documents,
                         MVMap<String, Object> metadata) {
            super(database, collectionName, options, documents, metadata, IdPinningH2Backend.this.getCursorRegistry());
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            Object id = pinnedId(query);
            if (id == null || query.size() == 1 && query.get(ID) == id) {
                // nothing pinned, or exactly the {_id: x} that the library's index answers itself
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            List<Document> withThatId = new ArrayList<>(1);
            super.queryDocuments(new Document(ID, id), null, 0, 0, 0, null).forEach(withThatId::add);
            return matchDocumentsFromStream(withThatId.stream(), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
