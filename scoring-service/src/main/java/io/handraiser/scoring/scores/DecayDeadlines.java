package io.handraiser.scoring.scores;

import io.handraiser.scoring.ScoringProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scoring saga's deadlines: points that decay or leave their window change a score with no event to say so.
 * Each score document carries its next deadline ({@code dueAt}); this task looks for due ones at a fixed interval,
 * claims each atomically so that of several instances one handles it, and re-evaluates the score. Because the
 * deadlines are stored with the scores, a restart loses none: a deadline that fell due while the service was down
 * is handled at the first poll after it starts. (Axon's persistent deadline managers need Quartz or JobRunr
 * stores; the Axon Mongo extension 4.12 has none.)
 * <p>
 * It also publishes facts a crash left decided but unpublished, once they have waited the grace period.
 */
@Component
public class DecayDeadlines implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DecayDeadlines.class);
    private static final int UNPUBLISHED_PER_POLL = 100;

    private final ScoreDocuments documents;
    private final LeadScoreKeeper keeper;
    private final ScoringProperties properties;
    private final Clock clock;
    private ScheduledExecutorService poller;

    DecayDeadlines(ScoreDocuments documents, LeadScoreKeeper keeper, ScoringProperties properties, Clock clock) {
        this.documents = documents;
        this.keeper = keeper;
        this.properties = properties;
        this.clock = clock;
    }

    /** Handles every deadline due now; returns how many. */
    public int handleDue() {
        int handled = 0;
        Instant now = clock.instant();
        for (String contactId = documents.claimDue(now, properties.deadlineLease()); contactId != null;
             contactId = documents.claimDue(now, properties.deadlineLease())) {
            keeper.reevaluate(contactId);
            handled++;
        }
        documents.unpublishedSince(now.minus(properties.unpublishedGrace()), UNPUBLISHED_PER_POLL).forEach(keeper::publishPending);
        return handled;
    }

    private void poll() {
        try {
            handleDue();
        } catch (RuntimeException e) {
            // a claimed deadline is claimed only for the lease, so whatever failed is tried again after it
            log.warn("Handling due score deadlines failed; they are retried once their claim lapses", e);
        }
    }

    @Override
    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "score-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.deadlinePollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
