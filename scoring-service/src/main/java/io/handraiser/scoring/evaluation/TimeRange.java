package io.handraiser.scoring.evaluation;

import java.time.Instant;

/**
 * The period a replay looks at, by the time each event states it happened ({@code at}): from inclusive, to
 * exclusive, either open. Events before {@code from} still build up a contact's score; events from {@code to} on
 * are not scored, but what sales decided about a contact later still tells how it turned out.
 */
public record TimeRange(Instant from, Instant to) {

    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }

    public boolean contains(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    /** Whether the replay still scores at this time: not past the end of the range. */
    boolean scores(Instant at) {
        return to == null || at.isBefore(to);
    }
}
