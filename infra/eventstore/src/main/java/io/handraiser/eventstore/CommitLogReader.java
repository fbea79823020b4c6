package io.handraiser.eventstore;

import com.mongodb.MongoWriteException;
import com.mongodb.ErrorCategory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.LongStream;

/**
 * Reads the commit log in position order for tracking processors. Positions are dense, so a reader asks for the
 * next window of positions by {@code $in} on {@code _id}: one index lookup per position on every server,
 * including the embedded one whose indexes serve no range queries. A position that is empty while a later one is
 * taken is a gap: an in-flight commit or a writer that died. The reader waits for it up to the gap timeout, then
 * fences it (inserts a document at that position), so the late writer's insert fails and it commits again at a
 * new position. Nothing is ever delivered out of order, skipped, or delivered twice.
 */
final class CommitLogReader {

    private final MongoCollection<Document> commits;
    private final int batchSize;
    private final long gapTimeoutNanos;
    private final Clock clock;
    private final ConcurrentMap<Long, Long> gapFirstSeenNanos = new ConcurrentHashMap<>();

    CommitLogReader(MongoCollection<Document> commits, int batchSize, Duration gapTimeout, Clock clock) {
        this.commits = commits;
        this.batchSize = batchSize;
        this.gapTimeoutNanos = gapTimeout.toNanos();
        this.clock = clock;
    }

    /**
     * The events after {@code token}, up to about one window of commits; empty when the next position is still
     * open (the end of the log, or a gap younger than the gap timeout).
     */
    List<StoredEvent> eventsAfter(CommitPositionToken token) {
        List<StoredEvent> events = new ArrayList<>();
        long position = token == null ? 1 : token.nextCommitToRead();
        while (events.isEmpty()) {
            long windowEnd = position + batchSize;
            Map<Long, Document> window = fetch(position, windowEnd);
            long highestInWindow = window.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            while (position < windowEnd) {
                Document commit = window.get(position);
                if (commit == null) {
                    commit = settleOpenPosition(position, highestInWindow > position);
                    if (commit == null) {
                        return events;
                    }
                }
                if (!gapFirstSeenNanos.isEmpty()) {
                    gapFirstSeenNanos.remove(position);
                }
                collect(commit, position, token, events);
                position++;
            }
        }
        return events;
    }

    private Map<Long, Document> fetch(long from, long to) {
        List<Long> positions = LongStream.range(from, to).boxed().toList();
        Map<Long, Document> byPosition = new HashMap<>();
        for (Document document : commits.find(Filters.in(CommitDocuments.POSITION, positions)).batchSize(positions.size())) {
            byPosition.put(((Number) document.get(CommitDocuments.POSITION)).longValue(), document);
        }
        return byPosition;
    }

    /** The document that now settles {@code position}, or null while the position is legitimately open. */
    private Document settleOpenPosition(long position, boolean laterCommitInWindow) {
        if (!laterCommitInWindow && !laterCommitBeyond(position)) {
            return null;
        }
        long now = System.nanoTime();
        long firstSeen = gapFirstSeenNanos.computeIfAbsent(position, open -> now);
        if (now - firstSeen < gapTimeoutNanos) {
            return null;
        }
        Document settled = fence(position);
        gapFirstSeenNanos.remove(position);
        return settled;
    }

    /**
     * Every position below {@code position} holds a document, so more documents than that means one lies beyond.
     * The count is metadata on MongoDB and cheap on the embedded server. While commits arrive, the count often says
     * so at the log's end, because commits landed after the window was read. So the window after the position is read
     * first, by position. The range query runs only when the window holds nothing (a hole longer than a window): the
     * embedded server answers a range query by reading the whole log, and at the log's end under load that was
     * nearly every poll of every processor.
     */
    private boolean laterCommitBeyond(long position) {
        if (commits.estimatedDocumentCount() < position) {
            return false;
        }
        Map<Long, Document> window = fetch(position, position + batchSize);
        if (window.containsKey(position)) {
            // it arrived meanwhile: no gap, and the next read takes it
            return false;
        }
        if (!window.isEmpty()) {
            return true;
        }
        return commits.find(Filters.gt(CommitDocuments.POSITION, position)).limit(1).first() != null;
    }

    private Document fence(long position) {
        Document fence = CommitDocuments.fence(position, clock.instant());
        try {
            commits.insertOne(fence);
            return fence;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return commits.find(Filters.eq(CommitDocuments.POSITION, position)).first();
        }
    }

    private static void collect(Document commit, long position, CommitPositionToken after, List<StoredEvent> into) {
        if (CommitDocuments.isFence(commit)) {
            return;
        }
        List<Document> events = CommitDocuments.events(commit);
        int last = events.size() - 1;
        for (int index = 0; index <= last; index++) {
            if (after != null && after.hasDelivered(position, index)) {
                continue;
            }
            CommitPositionToken token = index == last
                    ? CommitPositionToken.after(position)
                    : new CommitPositionToken(position, index);
            into.add(CommitDocuments.read(events.get(index), token));
        }
    }
}
