package io.handraiser.contact.imports;

import io.handraiser.contact.capture.ContactCapture;
import io.handraiser.contact.capture.EmailClaims;
import io.handraiser.contact.imports.ImportErrors.RowError;
import io.handraiser.contact.imports.ImportJobs.Job;
import io.handraiser.contact.imports.ImportJobs.Progress;
import io.handraiser.contact.imports.RowReader.Invalid;
import io.handraiser.contact.imports.RowReader.Prepared;
import io.handraiser.contact.imports.RowReader.Ready;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs import jobs in the background, one at a time per instance: claims the oldest queued (or abandoned)
 * job, streams its file row by row in chunks, and checkpoints after each chunk. Only a chunk of rows is ever
 * in memory, whatever the file's length. A restarted service resumes a job after its last checkpoint.
 */
@Component
class ImportRunner implements SmartLifecycle {

    static final String METER = "handraiser.imports.rows";
    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportJobs jobs;
    private final ImportFiles files;
    private final ImportErrors errors;
    private final RowKeys rowKeys;
    private final ContactCapture capture;
    private final EmailClaims claims;
    private final CommandGateway commands;
    private final ImportProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String owner = "import-runner-" + UUID.randomUUID();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    ImportRunner(ImportJobs jobs, ImportFiles files, ImportErrors errors, RowKeys rowKeys, ContactCapture capture, EmailClaims claims,
                 CommandGateway commands, ImportProperties properties, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.files = files;
        this.errors = errors;
        this.rowKeys = rowKeys;
        this.capture = capture;
        this.claims = claims;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "csv-import");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        executor.scheduleWithFixedDelay(this::runClaimableJobs, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops between chunks and hands the job back, so that the next start resumes it at once. */
    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A new job was queued: look now rather than at the next poll. */
    void wakeUp() {
        ExecutorService current = executor;
        if (running && current != null && !current.isShutdown()) {
            current.execute(this::runClaimableJobs);
        }
    }

    private void runClaimableJobs() {
        try {
            while (running) {
                Instant now = clock.instant();
                Job job = jobs.claimNext(owner, now, now.plus(properties.lease())).orElse(null);
                if (job == null) {
                    return;
                }
                run(job);
            }
        } catch (RuntimeException failure) {
            // the schedule must survive a failure to reach the database; the next poll tries again
            log.error("Looking for import jobs failed", failure);
        }
    }

    private void run(Job job) {
        if (job.attempts() > properties.maxAttempts()) {
            jobs.fail(job, owner, "the import stopped unexpectedly " + (job.attempts() - 1) + " times; the service log says why",
                      clock.instant());
            files.delete(job.fileId());
            return;
        }
        try {
            process(job);
        } catch (UncheckedIOException | IOException unreadable) {
            jobs.fail(job, owner, "the file cannot be read as CSV: " + unreadable.getMessage(), clock.instant());
            files.delete(job.fileId());
        } catch (RuntimeException failure) {
            // left to its lease: another attempt resumes it from its last checkpoint
            log.error("Import {} stopped unexpectedly; it resumes from its last checkpoint", job.id(), failure);
        }
    }

    private void process(Job job) throws IOException {
        RowReader reader = job.kind() == ImportKind.CONTACTS
                ? new ContactRows(job.mapping(), capture)
                : new EngagementRows(job.mapping(), claims, commands);
        MetaData sentAs = MetaData.with(Actor.META_DATA_KEY, Actor.person(job.createdBy()));
        Progress progress = job.progress();
        try (CountingStream file = new CountingStream(files.open(job.fileId())); CSVParser parser = Csv.parse(file)) {
            Iterator<CSVRecord> records = parser.iterator();
            int headerCells = parser.getHeaderNames().size();
            List<CSVRecord> chunk = new ArrayList<>(properties.chunkRows());
            long row = 1;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                row++;
                if (row <= progress.checkpointRow()) {
                    continue;
                }
                chunk.add(record);
                if (chunk.size() == properties.chunkRows() || !records.hasNext()) {
                    progress = importChunk(job, reader, sentAs, chunk, headerCells, row, file.count(), progress);
                    chunk.clear();
                    Instant now = clock.instant();
                    if (!jobs.checkpoint(job, owner, progress, now.plus(properties.lease()))) {
                        log.warn("Import {} was taken over by another runner; this one stops", job.id());
                        return;
                    }
                    if (!running) {
                        jobs.release(job, owner, now);
                        return;
                    }
                }
            }
        }
        jobs.finish(job, owner, progress, clock.instant());
        files.delete(job.fileId());
    }

    private Progress importChunk(Job job, RowReader reader, MetaData sentAs, List<CSVRecord> chunk, int headerCells, long lastRow,
                                 long bytesRead, Progress before) {
        long firstRow = lastRow - chunk.size() + 1;
        List<Prepared> prepared = new ArrayList<>(chunk.size());
        List<String> keys = new ArrayList<>();
        for (CSVRecord record : chunk) {
            Prepared row = record.isConsistent() ? reader.prepare(record) : new Invalid(List.of(new FieldError("",
                    "the row has " + record.size() + " cells; the header names " + headerCells)));
            prepared.add(row);
            if (row instanceof Ready ready) {
                keys.add(ready.key());
            }
        }
        Set<String> seen = rowKeys.seen(keys);
        Set<String> inChunk = new HashSet<>();
        List<Document> markers = new ArrayList<>();
        List<RowError> rowErrors = new ArrayList<>();
        long imported = before.imported();
        long duplicates = before.duplicates();
        long failed = before.failed();
        for (int index = 0; index < prepared.size(); index++) {
            long row = firstRow + index;
            List<FieldError> refused = List.of();
            if (prepared.get(index) instanceof Invalid invalid) {
                refused = invalid.errors();
            } else if (prepared.get(index) instanceof Ready ready) {
                if (seen.contains(ready.key()) || !inChunk.add(ready.key())) {
                    duplicates++;
                    count(job, "duplicate");
                    continue;
                }
                try {
                    ContactId contact = ready.command().apply(sentAs);
                    markers.add(RowKeys.marker(ready.key(), job.id(), row, contact.toString()));
                    imported++;
                    count(job, "imported");
                    continue;
                } catch (BadRequest bad) {
                    refused = bad.errors();
                } catch (RuleViolation violation) {
                    refused = List.of(new FieldError("", violation.rule() + ": " + violation.getMessage()));
                } catch (IllegalArgumentException bad) {
                    refused = List.of(new FieldError("", bad.getMessage()));
                }
                // a later identical row gets its own try and its own error, not "duplicate" of a failure
                inChunk.remove(ready.key());
            }
            if (failed < properties.maxErrors()) {
                refused.forEach(error -> rowErrors.add(new RowError(job.id(), row, error.field() == null ? "" : error.field(), error.message())));
            }
            failed++;
            count(job, "failed");
        }
        rowKeys.mark(markers);
        errors.add(rowErrors);
        return new Progress(lastRow, bytesRead, before.processed() + chunk.size(), imported, duplicates, failed);
    }

    private void count(Job job, String outcome) {
        Counter.builder(METER).description("rows of CSV imports, by kind and outcome")
               .tag("kind", job.kind().pathName()).tag("outcome", outcome).register(meters).increment();
    }

    /** Counts the bytes the parser has taken from the file, for a job's progress. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                count++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
