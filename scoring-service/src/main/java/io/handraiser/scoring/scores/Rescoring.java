package io.handraiser.scoring.scores;

import io.handraiser.scoring.ScoringProperties;
import io.handraiser.scoring.engine.VersionedModel;
import io.handraiser.scoring.models.ModelStore;
import io.handraiser.scoring.models.StoredModel;
import io.handraiser.scoring.models.StoredModel.Rescoring.State;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Scores every open contact under a newly published model version, in the background, saving its progress on
 * the version for the API to show. It works through contacts still on another version, so it can stop and resume
 * anywhere: a restart picks up a running rescoring, and a contact whose events arrive meanwhile is rescored by the
 * event processor first. It sweeps until a pass finds nobody left, which also catches contacts an instance scored
 * under the old version just before it learnt of the new one. A newer publication supersedes it.
 */
@Component
public class Rescoring {

    private static final Logger log = LoggerFactory.getLogger(Rescoring.class);

    private final ScoreDocuments documents;
    private final LeadScoreKeeper keeper;
    private final ModelStore models;
    private final ScoringProperties properties;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rescoring");
        thread.setDaemon(true);
        return thread;
    });

    Rescoring(ScoreDocuments documents, LeadScoreKeeper keeper, ModelStore models, ScoringProperties properties, Clock clock) {
        this.documents = documents;
        this.keeper = keeper;
        this.models = models;
        this.properties = properties;
        this.clock = clock;
    }

    /** Publishes a draft and starts rescoring under it; returns the version as published. */
    public StoredModel publish(int version, String publisher) {
        StoredModel published = models.publish(version, publisher, clock.instant(), documents.countOpenOnOtherVersion(String.valueOf(version)));
        worker.submit(() -> run(version));
        return published;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        int active = models.activeVersion();
        for (StoredModel running : models.rescoringsRunning()) {
            if (running.version() == active) {
                worker.submit(() -> run(active));
            } else {
                models.rescoringFinished(running.version(), State.SUPERSEDED, running.rescoring().scored(), clock.instant());
            }
        }
    }

    private void run(int version) {
        try {
            sweep(version);
        } catch (RuntimeException e) {
            // left RUNNING on purpose: the next start resumes it where it stopped
            log.error("Rescoring under model version {} stopped; it resumes at the next start", version, e);
        }
    }

    private void sweep(int version) {
        String modelVersion = String.valueOf(version);
        VersionedModel model = models.model(modelVersion);
        long scored = models.find(version).map(StoredModel::rescoring).map(StoredModel.Rescoring::scored).orElse(0L);
        boolean foundAny = true;
        while (foundAny) {
            foundAny = false;
            String after = "";
            for (List<String> batch = documents.openOnOtherVersion(modelVersion, after, properties.rescoringBatch()); !batch.isEmpty();
                 batch = documents.openOnOtherVersion(modelVersion, after, properties.rescoringBatch())) {
                if (models.activeVersion() != version) {
                    models.rescoringFinished(version, State.SUPERSEDED, scored, clock.instant());
                    return;
                }
                for (String contactId : batch) {
                    if (keeper.rescore(contactId, model)) {
                        scored++;
                    }
                }
                foundAny = true;
                after = batch.get(batch.size() - 1);
                models.rescoringProgress(version, scored);
            }
        }
        models.rescoringFinished(version, State.DONE, scored, clock.instant());
        log.info("Rescored {} open contacts under model version {}", scored, version);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
