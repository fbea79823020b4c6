package io.handraiser.local;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * mongo-java-server's H2 backend, with two changes that make its indexes serve as MongoDB's do. The answers are the
 * same as the library's own backend gives.
 * <ul>
 *   <li>A query that pins one document by {@code _id} and adds conditions ({@code {_id: x, version: 3}},
 *   {@code {$and: [{_id: x}, {lastSequence: {$lt: 7}}]}}) reads that one document. The library uses an index only
 *   for a query that names exactly the index's keys, so every conditional write by id scanned its collection, and on
 *   this backend a scan deserializes each document from the store. These writes are the optimistic version checks and
 *   the projections' "not seen yet" guards, which run once per event.</li>
 *   <li>Index keys are ordered by their values. The library stores them in a map whose key type orders objects it
 *   does not know by their Java serialization. So every step of every index lookup serialized two keys, and the
 *   lookups by {@code _id} and by position took 70 % of the server's time under the crash test's load. The maps get
 *   names of their own: a data file written by the library's backend opens here, its indexes built anew from the
 *   documents, as the library does for an index it finds empty.</li>
 * </ul>
 * With 10,000 contacts the suite had handled about 16 commits a second, and each new contact made it slower.
 * <p>
 * And two that keep big collections readable, both found by the full crash run (docs/reliability.md):
 * <ul>
 *   <li>A command reads the store as it stood when the command began, and holds on to that version until it ends.
 *   The store writes in the background and rewrites old chunks; a query reading 200,000 documents while services
 *   kept writing failed with H2's "Chunk … not found", the page it needed rewritten and dropped under it. Registering
 *   the version is how H2 keeps a reader's pages (h2database issues 4218 and 2118).</li>
 *   <li>A find or getMore without a batch size answers in batches, as MongoDB does. The library answered all of a
 *   cursor's documents at once: the log's 200,000 commits came as one 208 MB reply, which the driver refuses (48 MB
 *   at most).</li>
 * </ul>
 */
final class IndexedH2Backend extends H2Backend {

    private static final String ID = "_id";
    private static final String BATCH_SIZE = "batchSize";
    /** MongoDB's own first batch. */
    static final int FIRST_BATCH = 101;
    /**
     * MongoDB fills a later batch up to 16 MiB; documents are counted here, and a thousand of the suite's largest stay
     * far below the driver's 48 MB.
     */
    static final int LATER_BATCH = 1_000;

    IndexedH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    @Override
    protected Document handleGetMore(String databaseName, String command, Document query) {
        return super.handleGetMore(databaseName, command, inBatches(query, LATER_BATCH));
    }

    private static Document inBatches(Document command, int batchSize) {
        if (command.containsKey(BATCH_SIZE)) {
            return command;
        }
        Document batched = command.clone();
        batched.put(BATCH_SIZE, batchSize);
        return batched;
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
            super(databaseName, IndexedH2Backend.this.getMvStore(), IndexedH2Backend.this.getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
            MVStore store = IndexedH2Backend.this.getMvStore();
            MVStore.TxCounter reading = store.registerVersionUsage();
            try {
                return super.handleCommand(channel, command, "find".equalsIgnoreCase(command) ? inBatches(query, FIRST_BATCH) : query,
                                           databaseResolver, oplog);
            } finally {
                store.deregisterVersionUsage(reading);
            }
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            // the names H2Database gives a collection's maps (mongo-java-server 1.47.0), so that a data file written
            // by the library's own backend opens here
            MVMap<Object, Document> documents = IndexedH2Backend.this.getMvStore().openMap("databases." + namespace);
            MVMap<String, Object> metadata = IndexedH2Backend.this.getMvStore().openMap("meta." + namespace);
            return new PinnedCollection(this, collectionName, options, documents, metadata);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            // the library's own map of this index, from a file it wrote, would only go stale here: were the file
            // opened by the library again, it would trust it; gone, it builds the index anew
            IndexedH2Backend.this.getMvStore().removeMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
            MVMap<KeyValue, Object> entries = IndexedH2Backend.this.getMvStore().openMap(
                    orderedIndexMap(collectionName, indexName), new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrder()));
            return new OrderedUniqueIndex(entries, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            IndexedH2Backend.this.getMvStore().removeMap(orderedIndexMap(collection.getCollectionName(), indexName));
        }

        private String orderedIndexMap(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._ordered_index_" + indexName;
        }
    }

    /**
     * Orders index keys by their values, as MongoDB orders them. Keys that compare alike but are not equal (which
     * normalized keys should never be) keep the library's order, so that the map stays a map.
     */
    private static final class ValueOrder extends ObjectDataType {

        private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue left && b instanceof KeyValue right) {
                int order = Integer.compare(left.size(), right.size());
                for (int i = 0; order == 0 && i < left.size(); i++) {
                    order = VALUES.compare(left.get(i), right.get(i));
                }
                if (order != 0 || left.equals(right)) {
                    return order;
                }
            }
            return super.compare(a, b);
        }
    }

    /** A unique index kept in an H2 map whose keys are in {@link ValueOrder}. */
    private static final class OrderedUniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> entries;

        OrderedUniqueIndex(MVMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.entries = entries;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return entries.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return entries.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return entries.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return entries.get(key);
        }

        @Override
        public long getCount() {
            return entries.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return entries.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    private final class PinnedCollection extends H2Collection {

        PinnedCollection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> documents,
                         MVMap<String, Object> metadata) {
            super(database, collectionName, options, documents, metadata, IndexedH2Backend.this.getCursorRegistry());
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
