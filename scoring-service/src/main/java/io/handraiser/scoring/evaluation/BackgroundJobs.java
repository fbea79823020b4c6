package io.handraiser.scoring.evaluation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Jobs of one kind kept in a collection of their own: the request, the state (QUEUED, RUNNING, DONE, FAILED),
 * progress and the result, so every instance answers for every job and a job survives a restart. A worker claims
 * a job with one conditional update before running it, so two instances never run the same job; a running job
 * reports progress, and one that has not for a lease is taken over at the next start of any instance. A job is
 * deterministic, so running it again gives the same result.
 */
public final class BackgroundJobs {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** Does one job's work: from its stored request to its result. */
    @FunctionalInterface
    public interface Work {
        Document run(Document job, Progress progress);
    }

    @FunctionalInterface
    public interface Progress {
        void eventsRead(long events);
    }

    /** A page of jobs, newest first; {@code next} is the {@code before} of the following page, null at the end. */
    public record Page(List<Document> jobs, String next) {
    }

    private final String kind;
    private final MongoCollection<Document> jobs;
    private final JobExecutor executor;
    private final EvaluationProperties properties;
    private final Clock clock;
    private final Work work;

    public BackgroundJobs(String kind, MongoCollection<Document> jobs, JobExecutor executor, EvaluationProperties properties, Clock clock,
                          Work work) {
        this.kind = kind;
        this.jobs = jobs;
        this.executor = executor;
        this.properties = properties;
        this.clock = clock;
        this.work = work;
    }

    /**
     * Stores the request as a queued job and hands it to a worker; returns its id.
     *
     * @throws JobsBusy when no worker can take it, and then nothing is stored
     */
    public String submit(Document request, String requestedBy) {
        // an ObjectId sorts by creation, which is the order jobs are listed in
        String id = new ObjectId().toHexString();
        Instant now = clock.instant();
        jobs.insertOne(new Document(request).append("_id", id).append("state", State.QUEUED.name()).append("requestedBy", requestedBy)
                                            .append("requestedAt", Date.from(now)).append("heartbeatAt", Date.from(now)));
        if (!executor.offer(() -> run(id))) {
            jobs.deleteOne(Filters.eq("_id", id));
            throw new JobsBusy(kind);
        }
        return id;
    }

    public Optional<Document> find(String id) {
        return Optional.ofNullable(jobs.find(Filters.eq("_id", id)).first());
    }

    /** Jobs newest first, without their results, {@code limit} at a time from before {@code before} (null: the newest). */
    public Page list(String before, int limit) {
        Bson filter = before == null ? new Document() : Filters.lt("_id", before);
        List<Document> page = new ArrayList<>();
        jobs.find(filter).sort(Sorts.descending("_id")).limit(limit + 1).projection(new Document("result", 0)).into(page);
        String next = page.size() > limit ? page.get(limit - 1).getString("_id") : null;
        return new Page(page.subList(0, Math.min(limit, page.size())), next);
    }

    /** Takes over the jobs nobody is working on: queued or running without progress for a lease. */
    public void resumeUnfinished() {
        for (Document job : jobs.find(claimable(clock.instant()))) {
            String id = job.getString("_id");
            if (!executor.offer(() -> run(id))) {
                log.warn("{} job {} stays queued: every worker is busy; it is resumed at the next start", kind, id);
            }
        }
    }

    private void run(String id) {
        Instant now = clock.instant();
        Document job = jobs.findOneAndUpdate(Filters.and(Filters.eq("_id", id), claimable(now)),
                                             Updates.combine(Updates.set("state", State.RUNNING.name()), Updates.set("startedAt", Date.from(now)),
                                                             Updates.set("heartbeatAt", Date.from(now))),
                                             new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (job == null) {
            return;
        }
        try {
            Document result = work.run(job, events -> jobs.updateOne(Filters.eq("_id", id),
                                                                     Updates.combine(Updates.set("progress.eventsRead", events),
                                                                                     Updates.set("heartbeatAt", Date.from(clock.instant())))));
            jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("state", State.DONE.name()), Updates.set("result", result),
                                                                 Updates.set("finishedAt", Date.from(clock.instant()))));
        } catch (RuntimeException e) {
            log.error("{} job {} failed", kind, id, e);
            jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("state", State.FAILED.name()),
                                                                 Updates.set("failure", e.getMessage() == null ? e.toString() : e.getMessage()),
                                                                 Updates.set("finishedAt", Date.from(clock.instant()))));
        }
    }

    private Bson claimable(Instant now) {
        return Filters.or(Filters.eq("state", State.QUEUED.name()),
                          Filters.and(Filters.eq("state", State.RUNNING.name()),
                                      Filters.lt("heartbeatAt", Date.from(now.minus(properties.lease())))));
    }
}
