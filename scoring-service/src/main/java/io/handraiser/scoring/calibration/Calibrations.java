package io.handraiser.scoring.calibration;

import io.handraiser.scoring.evaluation.BackgroundJobs;
import io.handraiser.scoring.evaluation.ContactEventLog;
import io.handraiser.scoring.evaluation.EvaluationProperties;
import io.handraiser.scoring.evaluation.JobExecutor;
import io.handraiser.scoring.evaluation.JobRequest;
import io.handraiser.scoring.evaluation.JobRequest.Candidate;
import io.handraiser.scoring.evaluation.Replay;
import io.handraiser.scoring.evaluation.TimeRange;
import io.handraiser.scoring.models.ModelStore;
import io.handraiser.scoring.models.StoredModel;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Optional;

/**
 * Calibrations run in the background like evaluations, because they replay the same log: the base model's rules
 * are matched against every judged contact's history as it stood when sales got it. The draft they produce is
 * stored through {@link ModelStore}, so it is evaluated and published like any other.
 */
@Component
public class Calibrations {

    static final String COLLECTION = "calibrations";
    static final String TARGET_PRECISION = "targetPrecision";
    static final String HOLD_OUT = "holdOut";

    private final BackgroundJobs jobs;
    private final ContactEventLog log;
    private final ModelStore models;
    private final EvaluationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    Calibrations(EventLogDatabases databases, JobExecutor executor, ContactEventLog log, ModelStore models, EvaluationProperties properties,
                 JsonMapper json, Clock clock) {
        this.log = log;
        this.models = models;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.jobs = new BackgroundJobs("calibrations", databases.service().getCollection(COLLECTION), executor, properties, clock, this::run);
    }

    public String start(Candidate base, TimeRange range, Calibrator.Settings settings, String requestedBy) {
        Document request = JobRequest.toDocument(base, range).append(TARGET_PRECISION, settings.targetPrecision())
                                                             .append(HOLD_OUT, settings.holdOut());
        return jobs.submit(request, requestedBy);
    }

    public Optional<Document> find(String id) {
        return jobs.find(id);
    }

    public BackgroundJobs.Page list(String before, int limit) {
        return jobs.list(before, limit);
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        jobs.resumeUnfinished();
    }

    /** @param draftVersion the version the draft was stored as: evaluate it, then publish it if it does better */
    public record Result(int draftVersion, long eventsRead, CalibrationReport report) {
    }

    private Document run(Document job, BackgroundJobs.Progress progress) {
        Candidate base = Candidate.of(job.get("model", Document.class));
        Replay replay = new Replay(base.versioned(), JobRequest.rangeOf(job));
        long read = log.replay(replay, progress, properties.progressEvery());
        String describedAs = (base.version() == null ? "an inline model" : "version " + base.version()) + " (" + base.name() + ")";
        Calibrator.Calibration calibration = Calibrator.calibrate(base.model(), base.document(), describedAs, replay.finish().contacts(),
                                                                  new Calibrator.Settings(job.getDouble(TARGET_PRECISION), job.getDouble(HOLD_OUT)));
        StoredModel draft = models.createDraft(calibration.document(), job.getString("requestedBy"), clock.instant());
        return Document.parse(json.writeValueAsString(new Result(draft.version(), read, calibration.report())));
    }
}
