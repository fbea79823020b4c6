package io.handraiser.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the latest event of each aggregate lies in the log, as this instance last read or wrote it. Positions are
 * counted per instance, so without this an instance whose counter lags could put {@code X#6} at a position below
 * the {@code X#5} it loaded, and readers, which deliver in position order, would see 6 before 5. A commit is
 * therefore placed above the event each of its aggregates follows. When that event's position is not remembered
 * (evicted, or the aggregate came from a snapshot), one indexed lookup of its key finds it.
 */
final class AggregatePositions {

    private static final int CAPACITY = 10_000;

    private final Map<String, long[]> latest = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Remembers that event {@code sequence} of {@code aggregate} lies at {@code position}. */
    synchronized void record(String aggregate, long sequence, long position) {
        long[] known = latest.get(aggregate);
        if (known == null || known[0] <= sequence) {
            latest.put(aggregate, new long[] {sequence, position});
        }
    }

    void appended(List<? extends EventMessage<?>> events, long position) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                record(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(), position);
            }
        }
    }

    /** The lowest position this commit may take: above the event that precedes it in each of its aggregates. */
    long lowestPositionFor(List<? extends EventMessage<?>> events, MongoCollection<Document> commits) {
        Map<String, Long> firstSequences = new HashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                firstSequences.merge(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(), Math::min);
            }
        }
        long highestPreceding = 0;
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Long> first : firstSequences.entrySet()) {
            long preceding = first.getValue() - 1;
            if (preceding < 0) {
                continue;
            }
            Long position = positionOf(first.getKey(), preceding);
            if (position == null) {
                unknown.add(CommitDocuments.key(first.getKey(), preceding));
            } else {
                highestPreceding = Math.max(highestPreceding, position);
            }
        }
        if (!unknown.isEmpty()) {
            for (Document commit : commits.find(Filters.in(CommitDocuments.KEYS, unknown))
                                          .projection(Projections.include(CommitDocuments.POSITION))) {
                highestPreceding = Math.max(highestPreceding, ((Number) commit.get(CommitDocuments.POSITION)).longValue());
            }
        }
        return highestPreceding + 1;
    }

    private synchronized Long positionOf(String aggregate, long sequence) {
        long[] known = latest.get(aggregate);
        return known != null && known[0] == sequence ? known[1] : null;
    }
}
