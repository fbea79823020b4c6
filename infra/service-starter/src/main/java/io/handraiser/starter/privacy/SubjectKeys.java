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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AES key per data subject, in a collection of its own so that it can be kept, backed up and expired apart
 * from the event log it unlocks. Erasing a subject replaces its key with a tombstone: the tombstone stops a late
 * writer from silently creating a fresh key, so nothing personal can be written for an erased subject again.
 * <p>
 * Keys are cached for a short while because every event write and read needs one; another process may therefore
 * still read a subject's data for up to the cache time after the erasure, never longer. A reader going through many
 * subjects at once takes a {@link #snapshot} instead, bound by the same time.
 */
public class SubjectKeys {

    public static final String COLLECTION = "subject_keys";

    private static final String KEY = "key";
    private static final String CREATED_AT = "createdAt";
    private static final String ERASED_AT = "erasedAt";
    private static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;
    /**
     * Subjects per query of a snapshot. MongoDB finds each through the {@code _id} index whatever the number, but the
     * embedded server (tests, local runs) compares every document found with every subject asked for.
     */
    private static final int SNAPSHOT_QUERY = 250;

    private final MongoCollection<Document> keys;
    private final Cache<String, Optional<SecretKey>> known;
    private final SecureRandom random = new SecureRandom();
    private final Duration cacheTime;
    private final Clock clock;

    /**
     * @param cacheSize keys kept at most; a processor cycling through more subjects than this reads a key per event
     */
    public SubjectKeys(MongoDatabase database, Duration cacheTime, long cacheSize, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.known = Caffeine.newBuilder().expireAfterWrite(cacheTime).maximumSize(cacheSize).build();
        this.cacheTime = cacheTime;
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

    /**
     * The keys of {@code subjects} as stored now, read with one query per {@value #SNAPSHOT_QUERY} subjects rather than
     * one per subject, and kept out of the cache, which a pass over every subject would only churn (evicting the keys
     * live processors use). A snapshot is trusted for the cache time and no longer, see {@link KeySnapshot}.
     */
    KeySnapshot snapshot(Collection<String> subjects) {
        Instant readAt = clock.instant();
        Map<String, Optional<SecretKey>> read = new HashMap<>(subjects.size() * 2);
        List<String> all = List.copyOf(subjects);
        for (int from = 0; from < all.size(); from += SNAPSHOT_QUERY) {
            List<String> part = all.subList(from, Math.min(all.size(), from + SNAPSHOT_QUERY));
            // a subject without a document has no key (lost, or never had personal data): empty, as forReading says
            part.forEach(subject -> read.put(subject, Optional.empty()));
            for (Document stored : keys.find(Filters.in("_id", part))) {
                read.put(stored.getString("_id"), keyOf(stored));
            }
        }
        return new KeySnapshot(read, readAt.plus(cacheTime));
    }

    /**
     * Keys read at one moment for a bulk reader. Trusted, like a cached key, for the cache time: an erasure made
     * after the snapshot was read in another process may go unseen that long, never longer, because after it every
     * lookup asks {@link #forReading} again; one made in this process is seen at once. An erased subject's tombstone
     * reads as no key, as everywhere; a subject the snapshot was not taken for is looked up as usual.
     */
    final class KeySnapshot {

        private final Map<String, Optional<SecretKey>> read;
        private final Instant trustedUntil;

        private KeySnapshot(Map<String, Optional<SecretKey>> read, Instant trustedUntil) {
            this.read = read;
            this.trustedUntil = trustedUntil;
        }

        Optional<SecretKey> forReading(String subject) {
            Optional<SecretKey> key = read.get(subject);
            if (key == null || !clock.instant().isBefore(trustedUntil)) {
                return SubjectKeys.this.forReading(subject);
            }
            Optional<SecretKey> cached = known.getIfPresent(subject);
            return cached != null && cached.isEmpty() ? cached : key;
        }
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
