package io.handraiser.scoring.models;

import java.time.Instant;

/**
 * A model version as stored: its document exactly as marketing sent it, who made and published it, and the
 * progress of rescoring open contacts under it.
 *
 * @param publishedAt null for a draft
 * @param rescoring   null until the version is published
 */
public record StoredModel(int version, String name, String document, Status status, Instant createdAt, String createdBy,
                          Instant publishedAt, String publishedBy, Rescoring rescoring) {

    public enum Status { DRAFT, PUBLISHED }

    /**
     * @param state  RUNNING, DONE, or SUPERSEDED when a newer version was published before it finished
     * @param total  open contacts on other versions when it started
     * @param scored contacts rescored so far
     */
    public record Rescoring(State state, long total, long scored, Instant startedAt, Instant finishedAt) {
        public enum State { RUNNING, DONE, SUPERSEDED }
    }
}
