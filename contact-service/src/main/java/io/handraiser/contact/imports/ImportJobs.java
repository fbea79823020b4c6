package io.handraiser.contact.imports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.handraiser.contact.background.Leases;
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

import static com.mongodb.client.model.Filters.eq;

/**
 * Import jobs and their progress, one document each, owned by {@link Leases}: a runner renews its lease at every
 * checkpoint; every write it makes is conditional on still owning it, so two runners never both write one job,
 * and a job whose runner died is resumed from its last checkpoint once the lease runs out.
 */
@Component
class ImportJobs {

    enum State { QUEUED, RUNNING, DONE, FAILED }

    private static final String STATE = Leases.STATE;

    private final MongoCollection<Document> jobs;
    private final Leases leases;

    ImportJobs(EventLogDatabases databases) {
        this.jobs = databases.service().getCollection("import_jobs");
        this.leases = new Leases(jobs, State.QUEUED.name(), State.RUNNING.name());
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
        return leases.claim(new Document(), Sorts.ascending("createdAt"), owner, now, leaseUntil).map(Job::new);
    }

    /** @return false when another runner took the job over: this one must stop */
    boolean checkpoint(Job job, String owner, Progress progress, Instant leaseUntil) {
        return leases.renew(job.id(), owner, progress.updates(), leaseUntil);
    }

    void finish(Job job, String owner, Progress progress, Instant now) {
        leases.end(job.id(), owner, State.DONE.name(), progress.updates(), Updates.set("finishedAt", Date.from(now)));
    }

    void fail(Job job, String owner, String failure, Instant now) {
        leases.end(job.id(), owner, State.FAILED.name(), Updates.set("failure", failure), Updates.set("finishedAt", Date.from(now)));
    }

    /** Gives the job back at once, for a runner that stops (the service shuts down) to be resumed without waiting. */
    void release(Job job, String owner, Instant now) {
        leases.release(job.id(), owner, now);
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
