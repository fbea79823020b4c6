package io.handraiser.scoring.scores;

import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.scoring.engine.LeadScore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One contact's score document: the saga state, how far into the contact's stream it is, and what it decided to
 * publish. Every write replaces the document on condition that {@code version} is unchanged, so the event
 * processor, the deadline poller and a rescoring never overwrite each other's decisions.
 *
 * @param lastSequence the sequence number of the last contact event applied; an event at or below it is a repeat
 * @param published    how many facts this contact's score stream holds (or will, once {@code unpublished} is out)
 * @param unpublished  facts decided but not yet confirmed in the event log
 * @param dueAt        the decay deadline: when the score next changes by time alone
 */
record StoredScore(String contactId, long version, long lastSequence, LeadScore state, long published,
                   List<Pending> unpublished, Instant dueAt) {

    StoredScore {
        unpublished = List.copyOf(unpublished);
    }

    /** A fact at its fixed place in the contact's score stream, so publishing it twice stores it once. */
    record Pending(long sequence, LeadScoreEvent event, String requestId) {
    }

    static StoredScore first(LeadScore state, long sequence, List<LeadScoreEvent> events, String requestId, Instant dueAt) {
        return new StoredScore(state.contactId().toString(), 0, sequence, state, 0, List.of(), null)
                .next(state, sequence, events, requestId, dueAt);
    }

    /** The same document once its facts are in the event log. */
    StoredScore withAllPublished() {
        return new StoredScore(contactId, version, lastSequence, state, published, List.of(), dueAt);
    }

    /** The document after a transition; facts still unpublished from before stay ahead of the new ones. */
    StoredScore next(LeadScore newState, long sequence, List<LeadScoreEvent> events, String requestId, Instant newDueAt) {
        List<Pending> pending = new ArrayList<>(unpublished);
        long next = published;
        for (LeadScoreEvent event : events) {
            pending.add(new Pending(next++, event, requestId));
        }
        return new StoredScore(contactId, version + 1, sequence, newState, next, pending, newDueAt);
    }
}
