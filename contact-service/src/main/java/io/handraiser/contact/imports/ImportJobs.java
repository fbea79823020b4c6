package io.handraiser.contact.imports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * Import jobs and their progress, one document each. A runner owns a job by a lease it renews at every
 * checkpoint; every write it makes is conditional on still owning it, so two runners never both write one job,
 * and a job whose runner died is resumed from its last checkpoint once the lease runs out.
 */
@Component
class ImportJobs {

    enum State { QUEUED, RUNNING, DONE, FAILED }

    private static final String STATE = "state";
    private static final String OWNER = "owner";
    private static final String LEASE_UNTIL = "leaseUntil";

    private final MongoCollection<Document> jobs;

    ImportJobs(EventLogDatabases databases) {
        this.jobs = databases.service().getCollection("import_jobs");
    }

    void create(String id, ImportKind kind, ImportFiles.Stored file, ColumnMapping mapping, String createdBy, Instant now) {
        jobs.insertOne(new Document("_id", id).append("kind", kind.name()).append(STATE, State.QUEUED.name())
                .append("fileId", file.id()).append("bytes", file.bytes()).append("sha256", file.sha256())
                .append("mapping", new Document(mapping.headers())).append("createdBy", createdBy).append("createdAt", Date.from(now))
                .append("attempts", 0).append("checkpointRow", 0L).append("bytesRead", 0L)
                .append("processed", 0L).append("imported", 0L).append("duplicates", 0L).append("failed", 0L));
    }

    Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.find(eq("_id", id)).first()).map(Job::new);
    }

    /** The oldest job that is queued or whose runner's lease ran out, now owned by {@code owner}. */
    Optional<Job> claimNext(String owner, Instant now, Instant leaseUntil) {
        Bson claimable = or(eq(STATE, State.QUEUED.name()), and(eq(STATE, State.RUNNING.name()), lt(LEASE_UNTIL, Date.from(now))));
        Document claimed = jobs.findOneAndUpdate(claimable,
                Updates.combine(Updates.set(STATE, State.RUNNING.name()), Updates.set(OWNER, owner),
                                Updates.set(LEASE_UNTIL, Date.from(leaseUntil)), Updates.min("startedAt", Date.from(now)),
                                Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("createdAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(Job::new);
    }

    /** @return false when another runner took the job over: this one must stop */
    boolean checkpoint(Job job, String owner, Progress progress, Instant leaseUntil) {
        return jobs.updateOne(owned(job, owner), Updates.combine(progress.updates(), Updates.set(LEASE_UNTIL, Date.from(leaseUntil))))
                   .getMatchedCount() == 1;
    }

    void finish(Job job, String owner, Progress progress, Instant now) {
        jobs.updateOne(owned(job, owner), Updates.combine(progress.updates(), Updates.set(STATE, State.DONE.name()),
                                                          Updates.set("finishedAt", Date.from(now)), Updates.unset(LEASE_UNTIL)));
    }

    void fail(Job job, String owner, String failure, Instant now) {
        jobs.updateOne(owned(job, owner), Updates.combine(Updates.set(STATE, State.FAILED.name()), Updates.set("failure", failure),
                                                          Updates.set("finishedAt", Date.from(now)), Updates.unset(LEASE_UNTIL)));
    }

    /** Gives the job back at once, for a runner that stops (the service shuts down) to be resumed without waiting. */
    void release(Job job, String owner, Instant now) {
        jobs.updateOne(owned(job, owner), Updates.set(LEASE_UNTIL, Date.from(now)));
    }

    private static Bson owned(Job job, String owner) {
        return and(eq("_id", job.id()), eq(OWNER, owner), eq(STATE, State.RUNNING.name()));
    }

    /** How far a job got: the rows of the file up to {@code checkpointRow} are done. */
    record Progress(long checkpointRow, long bytesRead, long processed, long imported, long duplicates, long failed) {
        Bson updates() {
            return Updates.combine(Updates.set("checkpointRow", checkpointRow), Updates.set("bytesRead", bytesRead),
                                   Updates.set("processed", processed), Updates.set("imported", imported),
                                   Updates.set("duplicates", duplicates), Updates.set("failed", failed));
        }
    }

    record Job(Document document) {
        String id() {
            return document.getString("_id");
        }

        ImportKind kind() {
            return ImportKind.valueOf(document.getString("kind"));
        }

        State state() {
            return State.valueOf(document.getString(STATE));
        }

        ObjectId fileId() {
            return document.getObjectId("fileId");
        }

        String createdBy() {
            return document.getString("createdBy");
        }

        int attempts() {
            return document.getInteger("attempts", 0);
        }

        ColumnMapping mapping() {
            Map<String, String> headers = new LinkedHashMap<>();
            document.get("mapping", Document.class).forEach((attribute, header) -> headers.put(attribute, (String) header));
            return new ColumnMapping(headers);
        }

        Progress progress() {
            return new Progress(number("checkpointRow"), number("bytesRead"), number("processed"), number("imported"),
                                number("duplicates"), number("failed"));
        }

        long number(String field) {
            Object value = document.get(field);
            return value instanceof Number number ? number.longValue() : 0;
        }

        Instant instant(String field) {
            Date date = document.getDate(field);
            return date == null ? null : date.toInstant();
        }
    }
}
