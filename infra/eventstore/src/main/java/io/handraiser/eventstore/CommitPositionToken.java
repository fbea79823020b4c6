package io.handraiser.eventstore;

import org.axonframework.eventhandling.TrackingToken;

import java.util.OptionalLong;

/**
 * Where a tracking reader stands in the commit log: the last delivered event is event {@code event} of the
 * commit at position {@code commit}. Every position below the token's commit is settled (a commit or a fence),
 * so the token needs no gap set and stays two numbers however many gaps the log has had.
 */
public record CommitPositionToken(long commit, int event) implements TrackingToken, Comparable<CommitPositionToken> {

    /** The event index that stands for "every event of this commit". */
    public static final int WHOLE_COMMIT = Integer.MAX_VALUE;

    private static final int EVENT_BITS = 20;

    /** The largest number of events one commit may hold, so that {@link #position()} stays exact. */
    public static final int MAX_EVENTS_PER_COMMIT = (1 << EVENT_BITS) - 2;

    public CommitPositionToken {
        if (commit < 0) {
            throw new IllegalArgumentException("commit position must not be negative: " + commit);
        }
        if (event < -1) {
            throw new IllegalArgumentException("event index must be -1 or more: " + event);
        }
    }

    /** A token after every event of the given commit. */
    public static CommitPositionToken after(long commit) {
        return new CommitPositionToken(commit, WHOLE_COMMIT);
    }

    long nextCommitToRead() {
        return event == WHOLE_COMMIT ? commit + 1 : commit;
    }

    boolean hasDelivered(long position, int eventIndex) {
        return position < commit || (position == commit && eventIndex <= event);
    }

    @Override
    public int compareTo(CommitPositionToken other) {
        int byCommit = Long.compare(commit, other.commit);
        return byCommit != 0 ? byCommit : Integer.compare(event, other.event);
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        CommitPositionToken that = cast(other);
        return compareTo(that) <= 0 ? this : that;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        CommitPositionToken that = cast(other);
        return compareTo(that) >= 0 ? this : that;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null || compareTo(cast(other)) >= 0;
    }

    /** Commit and event folded into one increasing number, for lag and progress figures. */
    @Override
    public OptionalLong position() {
        long eventPart = Math.min((long) event + 1, (1L << EVENT_BITS) - 1);
        return OptionalLong.of((commit << EVENT_BITS) | eventPart);
    }

    private static CommitPositionToken cast(TrackingToken other) {
        if (other instanceof CommitPositionToken token) {
            return token;
        }
        throw new IllegalArgumentException("Cannot compare a CommitPositionToken with " + other);
    }
}
