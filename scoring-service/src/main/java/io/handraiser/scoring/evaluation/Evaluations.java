package io.handraiser.scoring.evaluation;

import io.handraiser.scoring.evaluation.JobRequest.Candidate;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Optional;

/**
 * What-if evaluations of a candidate model against the recorded history, run in the background. A job reads the
 * log and writes only its own document in {@code evaluations}: no score, event or read model changes.
 */
@Component
public class Evaluations {

    static final String COLLECTION = "evaluations";

    private final BackgroundJobs jobs;
    private final ContactEventLog log;
    private final EvaluationProperties properties;
    private final JsonMapper json;

    Evaluations(EventLogDatabases databases, JobExecutor executor, ContactEventLog log, EvaluationProperties properties, JsonMapper json,
                Clock clock) {
        this.log = log;
        this.properties = properties;
        this.json = json;
        this.jobs = new BackgroundJobs("evaluations", databases.service().getCollection(COLLECTION), executor, properties, clock, this::run);
    }

    public String start(Candidate candidate, TimeRange range, String requestedBy) {
        return jobs.submit(JobRequest.toDocument(candidate, range), requestedBy);
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

    private Document run(Document job, BackgroundJobs.Progress progress) {
        Candidate candidate = Candidate.of(job.get("model", Document.class));
        Replay replay = Replay.withoutFeatures(candidate.versioned(), JobRequest.rangeOf(job));
        long read = log.replay(replay, progress, properties.progressEvery());
        EvaluationReport report = EvaluationReport.of(replay.finish(), candidate.model(), read, properties.listLimit());
        return Document.parse(json.writeValueAsString(report));
    }
}
