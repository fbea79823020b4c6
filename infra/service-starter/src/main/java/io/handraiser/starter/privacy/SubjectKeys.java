package io.handraiser.starter.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One AES key per data subject, in a collection of its own so that it can be kept, backed up and expired apart
 * from the event log it unlocks. Erasing a subject replaces its key with a tombstone: the tombstone stops a late
 * writer from silently creating a fresh key, so nothing personal can be written for an erased subject again.
 * <p>
 * Keys are cached for a short while because every event write and read needs one; another process may therefore
 * still read a subject's data for up to the cache time after the erasure, never longer. A reader going through many
 * subjects at once reads them in bulk instead ({@link #bulk}), bound by the same time.
 */
public class SubjectKeys {

    public static final String COLLECTION = "subject_keys";

    private static final String KEY = "key";
    private static final String CREATED_AT = "createdAt";
    private static final String ERASED_AT = "erasedAt";
    private static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;
    /**
     * Subjects per query of a bulk read. MongoDB finds each through the {@code _id} index whatever the number, but the
     * embedded server (tests, local runs) compares every document found with every subject asked for.
     */
    private static final int SNAPSHOT_QUERY = 250;
    /** Keys per batch of a scan of them all ({@link BulkKeys}). */
    private static final int SCAN_BATCH = 1_000;

    private final MongoCollection<Document> keys;
    private final Cache<String, Optional<SecretKey>> known;
    private final SecureRandom random = new SecureRandom();
    private final Duration cacheTime;
    private final long cacheSize;
    private final Clock clock;

    /**
     * @param cacheSize keys kept at most; a processor cycling through more subjects than this reads a key per event
     */
    public SubjectKeys(MongoDatabase database, Duration cacheTime, long cacheSize, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.known = Caffeine.newBuilder().expireAfterWrite(cacheTime).maximumSize(cacheSize).build();
        this.cacheTime = cacheTime;
        this.cacheSize = cacheSize;
        this.clock = clock;
    }

    /** The key that encrypts new personal data of {@code subject}, created on first use. */
    SecretKey forWriting(String subject) {
        Optional<SecretKey> cached = known.getIfPresent(subject);
        if (cached != null) {
            return cached.orElseThrow(() -> new SubjectErasedException(subject));
        }
        Optional<SecretKey> key = keyOf(createUnlessPresent(subject));
        known.put(subject, key);
        return key.orElseThrow(() -> new SubjectErasedException(subject));
    }

    /** The key that opens {@code subject}'s personal data; empty once erased or if the key was lost. */
    Optional<SecretKey> forReading(String subject) {
        Optional<SecretKey> cached = known.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        Document stored = keys.find(Filters.eq("_id", subject)).first();
        if (stored == null) {
            return Optional.empty();
        }
        Optional<SecretKey> key = keyOf(stored);
        known.put(subject, key);
        return key;
    }

    /** A reader's own keys for a pass over many subjects; see {@link BulkKeys}. */
    BulkKeys bulk() {
        return new BulkKeys();
    }

    /**
     * Keys for one reader going through many subjects a batch at a time (a replay of the log): before a batch is read,
     * the keys of its subjects are read with one query per {@value #SNAPSHOT_QUERY} subjects rather than one per
     * subject ({@link #prefetch}), and kept for later batches, which in a log meet the same subjects again and again.
     * They are kept apart from the shared cache, which a pass over every subject would only churn (evicting the keys
     * live processors use).
     * <p>
     * Each key read is trusted, like a cached key, until the cache time has passed since it was read: an erasure made
     * in another process after that may go unseen that long, never longer, because after it the key is read again;
     * one made in this process is seen at once. An erased subject's tombstone reads as no key, as everywhere; a subject
     * not prefetched is looked up as usual ({@link #forReading}).
     * <p>
     * A pass meets nearly every subject. So when there are no more keys than the cache holds, the first prefetch
     * reads them all in one scan, which costs far less than a query per few hundred subjects (and on the embedded
     * server, which compares each document found with every subject asked for, less still).
     * <p>
     * At most as many keys are kept as the cache holds. A log holds a subject's events close together, so once that
     * many are kept all are let go at once, rather than paying on every lookup for knowing which was used last: a
     * subject met again later costs one key read more. Safe for use by several threads at once.
     */
    final class BulkKeys {

        private final Map<String, ReadKey> held = new ConcurrentHashMap<>();
        private volatile boolean scanned;

        private BulkKeys() {
        }

        /** Reads the keys of those of {@code subjects} (repeats allowed) not read less than the cache time ago. */
        void prefetch(Collection<String> subjects) {
            if (!scanned) {
                scanOnce();
            }
            Instant now = clock.instant();
            Set<String> missing = new HashSet<>();
            for (String subject : subjects) {
                ReadKey known = held.get(subject);
                if (known == null || !now.isBefore(known.trustedUntil())) {
                    missing.add(subject);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            if (held.size() + missing.size() > cacheSize) {
                held.clear();
            }
            Instant trustedUntil = now.plus(cacheTime);
            // a subject without a document has no key (lost, or never had personal data): empty, as forReading says
            ReadKey none = new ReadKey(Optional.empty(), trustedUntil);
            List<String> all = List.copyOf(missing);
            for (int from = 0; from < all.size(); from += SNAPSHOT_QUERY) {
                List<String> part = all.subList(from, Math.min(all.size(), from + SNAPSHOT_QUERY));
                Map<String, ReadKey> read = new HashMap<>(part.size() * 2);
                for (Document stored : keys.find(Filters.in("_id", part))) {
                    read.put(stored.getString("_id"), new ReadKey(keyOf(stored), trustedUntil));
                }
                part.forEach(subject -> held.put(subject, read.getOrDefault(subject, none)));
            }
        }

        private synchronized void scanOnce() {
            if (scanned) {
                return;
            }
            if (keys.estimatedDocumentCount() <= cacheSize) {
                Instant trustedUntil = clock.instant().plus(cacheTime);
                for (Document stored : keys.find().batchSize(SCAN_BATCH)) {
                    held.put(stored.getString("_id"), new ReadKey(keyOf(stored), trustedUntil));
                }
            }
            scanned = true;
        }

        Optional<SecretKey> forReading(String subject) {
            ReadKey key = held.get(subject);
            if (key == null || !clock.instant().isBefore(key.trustedUntil())) {
                return SubjectKeys.this.forReading(subject);
            }
            Optional<SecretKey> cached = known.getIfPresent(subject);
            return cached != null && cached.isEmpty() ? cached : key.key();
        }
    }

    private record ReadKey(Optional<SecretKey> key, Instant trustedUntil) {
    }

    /** Destroys {@code subject}'s key for good; repeating it changes nothing. */
    public void erase(String subject) {
        keys.replaceOne(Filters.eq("_id", subject),
                        new Document("_id", subject).append(ERASED_AT, Date.from(clock.instant())),
                        new ReplaceOptions().upsert(true));
        known.put(subject, Optional.empty());
    }

    public boolean isErased(String subject) {
        Document stored = keys.find(Filters.eq("_id", subject)).first();
        return stored != null && stored.containsKey(ERASED_AT);
    }

    private Document createUnlessPresent(String subject) {
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        try {
            return keys.findOneAndUpdate(Filters.eq("_id", subject),
                                         Updates.combine(Updates.setOnInsert(KEY, new Binary(material)),
                                                         Updates.setOnInsert(CREATED_AT, Date.from(clock.instant()))),
                                         upsert);
        } catch (MongoServerException e) {
            // Two writers creating the first key of one subject at once: one upsert wins, the other reads its key.
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return keys.find(Filters.eq("_id", subject)).first();
        }
    }

    private static Optional<SecretKey> keyOf(Document stored) {
        Binary material = stored.get(KEY, Binary.class);
        return material == null ? Optional.empty() : Optional.of(new SecretKeySpec(material.getData(), ALGORITHM));
    }
}
