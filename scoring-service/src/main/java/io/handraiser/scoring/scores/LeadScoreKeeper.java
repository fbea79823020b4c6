package io.handraiser.scoring.scores;

import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.scoring.engine.LeadScore;
import io.handraiser.scoring.engine.VersionedModel;
import io.handraiser.scoring.models.ModelStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the scoring saga ({@link LeadScore}) against the stored score of one contact: read, decide, write on
 * condition nothing changed meanwhile, then publish. Deciding and recording the decision come first, publishing
 * second, so a crash between them leaves the facts in the document, where the next touch of the contact (or the
 * deadline poller) publishes them; their fixed stream positions make that exactly once.
 */
@Component
public class LeadScoreKeeper {

    private static final int MAX_ATTEMPTS = 100;

    private final ScoreDocuments documents;
    private final ScoreStream stream;
    private final ContactHistories histories;
    private final ModelStore models;
    private final Clock clock;

    LeadScoreKeeper(ScoreDocuments documents, ScoreStream stream, ContactHistories histories, ModelStore models, Clock clock) {
        this.documents = documents;
        this.stream = stream;
        this.histories = histories;
        this.models = models;
        this.clock = clock;
    }

    /** Applies contact event {@code sequence} once, however often it is delivered. */
    void apply(ContactEvent event, long sequence, String requestId) {
        String contactId = event.contactId().toString();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredScore stored = documents.find(contactId).map(this::publishPending).orElse(null);
            if (stored != null && sequence <= stored.lastSequence()) {
                return;
            }
            Instant now = clock.instant();
            VersionedModel active = models.active();
            List<LeadScoreEvent> facts = new ArrayList<>();
            LeadScore state = stored == null ? LeadScore.start(event.contactId(), active.version()) : stored.state();
            if (!state.modelVersion().equals(active.version())) {
                LeadScore.Outcome rescored = state.rescore(active, histories.upTo(contactId, sequence - 1), now);
                state = rescored.score();
                facts.addAll(rescored.events());
            }
            LeadScore.Outcome outcome = state.on(event, active, now);
            facts.addAll(outcome.events());
            StoredScore next = stored == null
                    ? StoredScore.first(outcome.score(), sequence, facts, requestId, outcome.nextChangeAt())
                    : stored.next(outcome.score(), sequence, facts, requestId, outcome.nextChangeAt());
            if (documents.save(next, stored, now)) {
                publishPending(next);
                return;
            }
        }
        throw new IllegalStateException("the score of contact " + contactId + " kept changing while event " + sequence + " was applied");
    }

    /** Re-evaluates a contact whose decay deadline fell due, under the model version it is scored with. */
    void reevaluate(String contactId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StoredScore> found = documents.find(contactId).map(this::publishPending);
            if (found.isEmpty()) {
                return;
            }
            StoredScore stored = found.get();
            Instant now = clock.instant();
            LeadScore.Outcome outcome = stored.state().reevaluate(models.model(stored.state().modelVersion()), now);
            StoredScore next = stored.next(outcome.score(), stored.lastSequence(), outcome.events(), null, outcome.nextChangeAt());
            if (documents.save(next, stored, now)) {
                publishPending(next);
                return;
            }
        }
        throw new IllegalStateException("the score of contact " + contactId + " kept changing while its deadline was handled");
    }

    /**
     * Scores an open contact under {@code model} if it is not already; false when there was nothing to do. The
     * history is read up to the last event applied, so the score stays consistent with the processor's position.
     */
    boolean rescore(String contactId, VersionedModel model) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StoredScore> found = documents.find(contactId).map(this::publishPending);
            if (found.isEmpty() || !found.get().state().isOpen() || found.get().state().modelVersion().equals(model.version())) {
                return false;
            }
            StoredScore stored = found.get();
            Instant now = clock.instant();
            LeadScore.Outcome outcome = stored.state().rescore(model, histories.upTo(contactId, stored.lastSequence()), now);
            StoredScore next = stored.next(outcome.score(), stored.lastSequence(), outcome.events(), null, outcome.nextChangeAt());
            if (documents.save(next, stored, now)) {
                publishPending(next);
                return true;
            }
        }
        throw new IllegalStateException("the score of contact " + contactId + " kept changing while it was rescored");
    }

    /** Publishes facts a crash left unpublished; called by the deadline poller for documents that wait too long. */
    void publishPending(String contactId) {
        documents.find(contactId).ifPresent(this::publishPending);
    }

    Optional<StoredScore> find(String contactId) {
        return documents.find(contactId);
    }

    private StoredScore publishPending(StoredScore stored) {
        if (!stored.unpublished().isEmpty()) {
            stream.publish(stored.contactId(), stored.unpublished());
            documents.published(stored);
        }
        return stored.withAllPublished();
    }
}
