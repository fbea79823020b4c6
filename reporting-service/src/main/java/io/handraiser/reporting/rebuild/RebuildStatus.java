package io.handraiser.reporting.rebuild;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Where a rebuild stands.
 *
 * @param generation   the generation it fills (and that answers once it is DONE)
 * @param processed    events read from the log so far
 * @param position     the log position (commit number) it has read up to
 * @param headPosition the log position it reads up to: the log's head when it started; events after that reach the
 *                     new generation through the live projection
 * @param error        why it FAILED or was INTERRUPTED
 */
public record RebuildStatus(State state, int generation, String requestedBy, Instant startedAt, Instant finishedAt, long processed,
                            long position, long headPosition, String error) {

    public enum State { RUNNING, DONE, FAILED, INTERRUPTED }

    static RebuildStatus started(int generation, String requestedBy, Instant at, long headPosition) {
        return new RebuildStatus(State.RUNNING, generation, requestedBy, at, null, 0, 0, headPosition, null);
    }

    RebuildStatus progressed(long processedEvents, long readPosition) {
        return new RebuildStatus(state, generation, requestedBy, startedAt, finishedAt, processedEvents, readPosition, headPosition, error);
    }

    RebuildStatus ended(State end, Instant at, String why) {
        return new RebuildStatus(end, generation, requestedBy, startedAt, at, processed, position, headPosition, why);
    }

    /** Share of the log read, from 0 to 1. */
    @JsonProperty
    public double progress() {
        return state == State.DONE || headPosition == 0 ? 1.0 : Math.min(1.0, (double) position / headPosition);
    }

    /** Events per second over the whole rebuild; null until it is DONE. */
    @JsonProperty
    public Double eventsPerSecond() {
        if (state != State.DONE || finishedAt == null) {
            return null;
        }
        long millis = Math.max(1, Duration.between(startedAt, finishedAt).toMillis());
        return Math.round(processed * 1000.0 / millis * 10) / 10.0;
    }

    Document toDocument(String id) {
        return new Document("_id", id).append("state", state.name()).append("generation", generation).append("requestedBy", requestedBy)
                                      .append("startedAt", Rebuild.date(startedAt)).append("finishedAt", Rebuild.date(finishedAt))
                                      .append("processed", processed).append("position", position).append("headPosition", headPosition)
                                      .append("error", error);
    }

    static RebuildStatus from(Document stored) {
        Date finished = stored.getDate("finishedAt");
        return new RebuildStatus(State.valueOf(stored.getString("state")), stored.getInteger("generation"), stored.getString("requestedBy"),
                                 stored.getDate("startedAt").toInstant(), finished == null ? null : finished.toInstant(),
                                 ((Number) stored.get("processed")).longValue(), ((Number) stored.get("position")).longValue(),
                                 ((Number) stored.get("headPosition")).longValue(), stored.getString("error"));
    }
}
