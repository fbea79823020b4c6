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
import java.util.Date;
import java.util.Optional;

/**
 * One AES key per data subject, in a collection of its own so that it can be kept, backed up and expired apart
 * from the event log it unlocks. Erasing a subject replaces its key with a tombstone: the tombstone stops a late
 * writer from silently creating a fresh key, so nothing personal can be written for an erased subject again.
 * <p>
 * Keys are cached for a short while because every event write and read needs one; another process may therefore
 * still read a subject's data for up to the cache time after the erasure, never longer.
 */
public class SubjectKeys {

    public static final String COLLECTION = "subject_keys";

    private static final String KEY = "key";
    private static final String CREATED_AT = "createdAt";
    private static final String ERASED_AT = "erasedAt";
    private static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;

    private final MongoCollection<Document> keys;
    private final Cache<String, Optional<SecretKey>> known;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public SubjectKeys(MongoDatabase database, Duration cacheTime, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.known = Caffeine.newBuilder().expireAfterWrite(cacheTime).maximumSize(100_000).build();
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
