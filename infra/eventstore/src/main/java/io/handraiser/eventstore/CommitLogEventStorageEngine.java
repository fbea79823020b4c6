package io.handraiser.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's event storage on the MongoDB Java driver, built for tracking processors that must never skip or repeat
 * a committed event (DESIGN.md section 3).
 * <ul>
 *     <li>One document per commit, at a dense global position ({@code _id}): a commit becomes visible whole
 *     without multi-document transactions, and readers deliver in position order, the same for every reader.</li>
 *     <li>Readers fence a position that stays empty past the gap timeout; a late writer then commits again at a
 *     new position instead of landing where readers have already passed (see {@link CommitLogReader}).</li>
 *     <li>A unique index over "aggregate#sequence" keys gives optimistic concurrency: the losing append fails with
 *     Axon's {@code ConcurrencyException}.</li>
 *     <li>Snapshots live in their own collection, one per aggregate, replaced only by a newer one.</li>
 * </ul>
 * Every query is an equality or {@code $in} lookup on a unique index, which MongoDB and the embedded server both
 * answer from the index.
 */
public class CommitLogEventStorageEngine extends AbstractEventStorageEngine {

    private static final int AGGREGATE_READ_WINDOW = 256;
    private static final int MAX_POSITION_ATTEMPTS = 10_000;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final PositionAllocator positions;
    private final AggregatePositions aggregatePositions = new AggregatePositions();
    private final CommitLogReader reader;
    private final Clock clock;

    protected CommitLogEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(builder.commitsCollection).withWriteConcern(builder.writeConcern);
        this.snapshots = builder.database.getCollection(builder.snapshotsCollection).withWriteConcern(builder.writeConcern);
        this.clock = builder.clock;
        this.positions = new PositionAllocator(commits);
        this.reader = new CommitLogReader(commits, builder.batchSize, builder.gapTimeout, builder.clock);
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the indexes the engine relies on; idempotent, run at construction. */
    public final void ensureIndexes() {
        commits.createIndex(Indexes.ascending(CommitDocuments.KEYS),
                            new IndexOptions().name("aggregate_sequence").unique(true).sparse(true));
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() > CommitPositionToken.MAX_EVENTS_PER_COMMIT) {
            throw new EventStoreException("A commit holds at most " + CommitPositionToken.MAX_EVENTS_PER_COMMIT
                                                  + " events; this unit of work has " + events.size());
        }
        Document commit = CommitDocuments.commit(events, serializer);
        long lowest = aggregatePositions.lowestPositionFor(events, commits);
        for (int attempt = 0; attempt < MAX_POSITION_ATTEMPTS; attempt++) {
            long position = positions.claim(lowest);
            commit.put(CommitDocuments.POSITION, position);
            try {
                commits.insertOne(commit);
                aggregatePositions.appended(events, position);
                return;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    handlePersistenceException(e, events.get(0));
                }
                Document occupant = commits.find(Filters.eq(CommitDocuments.POSITION, position)).first();
                if (occupant == null) {
                    fenceOwnPosition(position);
                    handlePersistenceException(e, firstDomainEvent(events));
                }
                if (commit.getString(CommitDocuments.COMMIT_ID).equals(occupant.getString(CommitDocuments.COMMIT_ID))) {
                    return;
                }
                positions.taken(position);
            }
        }
        throw new EventStoreException("No free position for a commit after " + MAX_POSITION_ATTEMPTS + " attempts");
    }

    /**
     * Our insert lost on the aggregate keys, so nobody will ever write our position: fence it at once rather
     * than let readers wait out the gap timeout.
     */
    private void fenceOwnPosition(long position) {
        try {
            commits.insertOne(CommitDocuments.fence(position, clock.instant()));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static EventMessage<?> firstDomainEvent(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?>) {
                return event;
            }
        }
        return events.get(0);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = CommitDocuments.snapshot(snapshot, serializer);
        try {
            snapshots.replaceOne(Filters.and(Filters.eq(CommitDocuments.POSITION, snapshot.getAggregateIdentifier()),
                                             Filters.lt(CommitDocuments.SNAPSHOT_SEQUENCE, snapshot.getSequenceNumber())),
                                 document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // a snapshot at least as recent is already stored: keep it
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        List<StoredEvent.OfAggregate> events = new ArrayList<>();
        Set<Long> seenCommits = new HashSet<>();
        long windowStart = firstSequenceNumber;
        long latestSequence = -1;
        long latestPosition = -1;
        while (true) {
            long windowEnd = windowStart + AGGREGATE_READ_WINDOW;
            List<String> keys = LongStream.range(windowStart, windowEnd)
                                          .mapToObj(sequence -> CommitDocuments.key(aggregateIdentifier, sequence))
                                          .toList();
            long highest = -1;
            for (Document commit : commits.find(Filters.in(CommitDocuments.KEYS, keys))) {
                long position = ((Number) commit.get(CommitDocuments.POSITION)).longValue();
                if (!seenCommits.add(position)) {
                    continue;
                }
                for (Document event : CommitDocuments.events(commit)) {
                    if (CommitDocuments.belongsTo(event, aggregateIdentifier)
                            && CommitDocuments.sequence(event) >= firstSequenceNumber) {
                        events.add((StoredEvent.OfAggregate) CommitDocuments.read(event, CommitPositionToken.after(position)));
                        highest = Math.max(highest, CommitDocuments.sequence(event));
                        if (CommitDocuments.sequence(event) > latestSequence) {
                            latestSequence = CommitDocuments.sequence(event);
                            latestPosition = position;
                        }
                    }
                }
            }
            if (highest < windowEnd - 1) {
                break;
            }
            windowStart = highest + 1;
        }
        if (latestSequence >= 0) {
            aggregatePositions.record(aggregateIdentifier, latestSequence, latestPosition);
        }
        events.sort(Comparator.comparingLong(StoredEvent.OfAggregate::getSequenceNumber));
        return events.stream();
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (trackingToken != null && !(trackingToken instanceof CommitPositionToken)) {
            throw new IllegalArgumentException("This engine reads from a CommitPositionToken, not from " + trackingToken);
        }
        return StreamSupport.stream(new BatchingSpliterator((CommitPositionToken) trackingToken), false);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq(CommitDocuments.POSITION, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of((StoredEvent.OfAggregate) CommitDocuments.read(snapshot, null));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return readEventData(aggregateIdentifier, 0)
                .map(DomainEventData::getSequenceNumber)
                .reduce(Math::max);
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        Document highest = commits.find().sort(Sorts.descending(CommitDocuments.POSITION)).limit(1).first();
        return highest == null ? null : CommitPositionToken.after(((Number) highest.get(CommitDocuments.POSITION)).longValue());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = commits.find(Filters.gte(CommitDocuments.FIRST_TIMESTAMP, Date.from(dateTime)))
                                .sort(Sorts.ascending(CommitDocuments.POSITION))
                                .limit(1)
                                .first();
        if (first == null) {
            return createHeadToken();
        }
        long position = ((Number) first.get(CommitDocuments.POSITION)).longValue();
        return position <= 1 ? null : CommitPositionToken.after(position - 1);
    }

    /** Pulls one window of commits at a time, so a processor far behind never holds the whole log in memory. */
    private final class BatchingSpliterator extends Spliterators.AbstractSpliterator<StoredEvent> {

        private CommitPositionToken lastToken;
        private List<StoredEvent> batch = List.of();
        private int next;
        private boolean exhausted;

        private BatchingSpliterator(CommitPositionToken from) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.lastToken = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super StoredEvent> action) {
            if (next == batch.size()) {
                if (exhausted) {
                    return false;
                }
                batch = reader.eventsAfter(lastToken);
                next = 0;
                if (batch.isEmpty()) {
                    exhausted = true;
                    return false;
                }
            }
            StoredEvent event = batch.get(next++);
            lastToken = (CommitPositionToken) event.trackingToken();
            action.accept(event);
            return true;
        }
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private String commitsCollection = "commits";
        private String snapshotsCollection = "snapshots";
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int batchSize = 256;
        private WriteConcern writeConcern = WriteConcern.MAJORITY.withJournal(true);
        private Clock clock = Clock.systemUTC();

        protected Builder() {
            persistenceExceptionResolver(duplicateKeyResolver());
        }

        private static PersistenceExceptionResolver duplicateKeyResolver() {
            return exception -> exception instanceof MongoWriteException write
                    && ErrorCategory.fromErrorCode(write.getCode()) == ErrorCategory.DUPLICATE_KEY;
        }

        /** The shared event-log database every service reads. */
        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder commitsCollection(String name) {
            this.commitsCollection = name;
            return this;
        }

        public Builder snapshotsCollection(String name) {
            this.snapshotsCollection = name;
            return this;
        }

        /**
         * How long a reader waits for an empty position behind a taken one before fencing it. Longer than any
         * commit takes from position to insert; shorter than the delay a crashed writer may impose on readers.
         */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** Positions read per query by tracking readers. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Majority with journal by default: an acknowledged commit survives the loss of any process. */
        public Builder writeConcern(WriteConcern writeConcern) {
            this.writeConcern = writeConcern;
            return this;
        }

        /** The clock that stamps fences; event times come from the events themselves. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        public CommitLogEventStorageEngine build() {
            return new CommitLogEventStorageEngine(this);
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase of the event log is required");
            }
            if (gapTimeout == null || gapTimeout.isNegative()) {
                throw new AxonConfigurationException("The gap timeout must be zero or positive");
            }
            if (batchSize < 1) {
                throw new AxonConfigurationException("The batch size must be at least 1");
            }
            if (writeConcern == null || clock == null) {
                throw new AxonConfigurationException("The write concern and the clock are required");
            }
        }
    }
}
