package io.handraiser.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Chooses the global position of the next commit without a round trip in the common case. Each engine instance
 * counts locally and lets the unique {@code _id} index arbitrate between instances: a writer that finds its
 * position taken learns how far the log has moved and takes the next free one. A shared counter document would
 * cost every commit a second round trip; here only a collision does.
 */
final class PositionAllocator {

    private static final int PROBE_WINDOW = 64;

    private final MongoCollection<Document> commits;
    private final AtomicLong next = new AtomicLong(-1);

    PositionAllocator(MongoCollection<Document> commits) {
        this.commits = commits;
    }

    /** A position at or above {@code lowest}, not handed out before by this instance. */
    long claim(long lowest) {
        if (next.get() < 0) {
            synchronized (this) {
                if (next.get() < 0) {
                    next.set(highestPosition() + 1);
                }
            }
        }
        return next.updateAndGet(current -> Math.max(current, lowest) + 1) - 1;
    }

    /** Someone else owns {@code position}: move past every position known to be taken from there on. */
    void taken(long position) {
        long highestTaken = position;
        while (true) {
            long windowStart = highestTaken + 1;
            List<Long> window = LongStream.range(windowStart, windowStart + PROBE_WINDOW).boxed().toList();
            long highestInWindow = commits.find(Filters.in(CommitDocuments.POSITION, window))
                                          .projection(Projections.include(CommitDocuments.POSITION))
                                          .map(document -> ((Number) document.get(CommitDocuments.POSITION)).longValue())
                                          .into(new ArrayList<>())
                                          .stream().mapToLong(Long::longValue).max().orElse(highestTaken);
            highestTaken = highestInWindow;
            if (highestInWindow < windowStart + PROBE_WINDOW - 1) {
                break;
            }
        }
        long firstFree = highestTaken + 1;
        next.accumulateAndGet(firstFree, Math::max);
    }

    private long highestPosition() {
        Document highest = commits.find()
                                  .projection(Projections.include(CommitDocuments.POSITION))
                                  .sort(Sorts.descending(CommitDocuments.POSITION))
                                  .limit(1)
                                  .first();
        return highest == null ? 0 : ((Number) highest.get(CommitDocuments.POSITION)).longValue();
    }
}
