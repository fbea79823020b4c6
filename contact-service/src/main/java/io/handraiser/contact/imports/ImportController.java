package io.handraiser.contact.imports;

import io.handraiser.contact.imports.ImportErrors.RowError;
import io.handraiser.contact.imports.ImportJobs.Job;
import io.handraiser.contact.imports.ImportJobs.Progress;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import io.handraiser.starter.web.ProblemAdvice;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk CSV imports for backfills: {@code POST /api/integrations/contacts/import} and
 * {@code /api/integrations/engagements/import} take a file (a {@code text/csv} body, or a multipart upload's
 * {@code file} part), check its header row against the columns and the {@code map.<attribute>=<header>}
 * parameters, and queue it: 202 with the job, whose progress and per-row error report are then read at
 * {@code GET /api/integrations/imports/{id}} and {@code .../errors}.
 */
@RestController
public class ImportController {

    private static final int MAX_ERRORS_PAGE = 1_000;

    private final ImportFiles files;
    private final ImportJobs jobs;
    private final ImportErrors errors;
    private final ImportRunner runner;
    private final ImportProperties properties;
    private final Clock clock;

    ImportController(ImportFiles files, ImportJobs jobs, ImportErrors errors, ImportRunner runner, ImportProperties properties, Clock clock) {
        this.files = files;
        this.jobs = jobs;
        this.errors = errors;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(path = "/api/integrations/{kind}/import", consumes = "text/csv")
    @PreAuthorize("hasAnyRole('automation', 'admin')")
    public ResponseEntity<Map<String, Object>> importBody(@PathVariable String kind, @RequestParam Map<String, String> parameters,
                                                          HttpServletRequest request, Authentication caller) throws IOException {
        return queue(kind(kind), "upload.csv", request.getInputStream(), parameters, caller);
    }

    @PostMapping(path = "/api/integrations/{kind}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('automation', 'admin')")
    public ResponseEntity<Map<String, Object>> importUpload(@PathVariable String kind, @RequestPart(name = "file", required = false) MultipartFile file,
                                                            @RequestParam Map<String, String> parameters, Authentication caller) throws IOException {
        if (file == null) {
            throw BadRequest.field("file", "send the CSV as the multipart part named 'file'");
        }
        try (InputStream upload = file.getInputStream()) {
            return queue(kind(kind), file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename(), upload, parameters, caller);
        }
    }

    @GetMapping("/api/integrations/imports/{id}")
    @PreAuthorize("hasAnyRole('automation', 'admin')")
    public Map<String, Object> job(@PathVariable String id) {
        return view(find(id));
    }

    /** The rows that were not imported, by row; page on with {@code after} = the last row of the page before. */
    @GetMapping("/api/integrations/imports/{id}/errors")
    @PreAuthorize("hasAnyRole('automation', 'admin')")
    public ErrorPage rowErrors(@PathVariable String id, @RequestParam(defaultValue = "0") long after,
                               @RequestParam(defaultValue = "100") int limit) {
        List<FieldError> bad = new ArrayList<>();
        if (after < 0) {
            bad.add(new FieldError("after", "after is a row number, 0 or more"));
        }
        if (limit < 1 || limit > MAX_ERRORS_PAGE) {
            bad.add(new FieldError("limit", "limit is 1 to " + MAX_ERRORS_PAGE));
        }
        if (!bad.isEmpty()) {
            throw BadRequest.of(bad);
        }
        find(id);
        List<RowError> page = errors.page(id, after, limit);
        List<ErrorRow> rows = page.stream().map(error -> new ErrorRow(error.row(), error.column(), error.reason())).toList();
        Long next = page.size() == limit ? page.get(page.size() - 1).row() : null;
        return new ErrorPage(rows, next);
    }

    private ResponseEntity<Map<String, Object>> queue(ImportKind kind, String name, InputStream upload, Map<String, String> parameters,
                                                      Authentication caller) throws IOException {
        Map<String, String> requested = new LinkedHashMap<>();
        parameters.forEach((parameter, header) -> {
            if (parameter.startsWith(ColumnMapping.PARAMETER_PREFIX)) {
                requested.put(parameter.substring(ColumnMapping.PARAMETER_PREFIX.length()), header);
            }
        });
        ImportFiles.Stored stored;
        try {
            stored = files.store(name, upload, properties.maxFileSize().toBytes());
        } catch (ImportFiles.FileTooLarge tooLarge) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    "an import file holds at most " + tooLarge.maxBytes() + " bytes: split it");
            problem.setTitle("File too large");
            throw new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
        }
        ColumnMapping mapping;
        try {
            mapping = checkHeader(kind, stored, requested);
        } catch (RuntimeException refused) {
            files.delete(stored.id());
            throw refused;
        }
        String id = UUID.randomUUID().toString();
        jobs.create(id, kind, stored, mapping, caller.getName(), clock.instant());
        runner.wakeUp();
        return ResponseEntity.accepted().location(URI.create("/api/integrations/imports/" + id)).body(view(find(id)));
    }

    /** Reads the header row only: the rows wait for the runner. */
    private ColumnMapping checkHeader(ImportKind kind, ImportFiles.Stored stored, Map<String, String> requested) throws IOException {
        List<String> headers;
        try (InputStream file = files.open(stored.id()); CSVParser parser = Csv.parse(file)) {
            headers = parser.getHeaderNames();
        } catch (IllegalArgumentException | UncheckedIOException | CSVException unreadable) {
            // a quote left open, a column named twice: the file's fault, answered before it is queued (and deleted)
            throw BadRequest.field("file", "the header row cannot be read: " + unreadable.getMessage());
        }
        if (headers.isEmpty()) {
            throw BadRequest.field("file", "the file is empty: its first row names the columns");
        }
        List<FieldError> problems = new ArrayList<>();
        ColumnMapping mapping = ColumnMapping.resolve(kind, headers, requested, problems);
        if (!problems.isEmpty()) {
            throw BadRequest.of(problems);
        }
        return mapping;
    }

    private static ImportKind kind(String name) {
        return ImportKind.named(name).orElseThrow(() -> ProblemAdvice.notFound(
                "nothing imports '" + name + "': import contacts or engagements"));
    }

    private Job find(String id) {
        return jobs.find(id).orElseThrow(() -> ProblemAdvice.notFound("no import job has id " + id));
    }

    private static Map<String, Object> view(Job job) {
        Progress progress = job.progress();
        long bytes = job.number("bytes");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("kind", job.kind().pathName());
        view.put("state", job.state().name());
        view.put("file", Map.of("bytes", bytes, "sha256", job.document().getString("sha256")));
        view.put("mapping", job.mapping().headers());
        view.put("rows", Map.of("processed", progress.processed(), "imported", progress.imported(),
                                "duplicates", progress.duplicates(), "failed", progress.failed()));
        view.put("progress", job.state() == ImportJobs.State.DONE ? 1.0 : bytes == 0 ? 0.0 : Math.min(1.0, (double) progress.bytesRead() / bytes));
        view.put("createdBy", job.createdBy());
        view.put("createdAt", job.instant("createdAt"));
        view.put("startedAt", job.instant("startedAt"));
        view.put("finishedAt", job.instant("finishedAt"));
        Instant started = job.instant("startedAt");
        Instant finished = job.instant("finishedAt");
        if (started != null && finished != null && job.state() == ImportJobs.State.DONE) {
            double seconds = Math.max(Duration.between(started, finished).toMillis(), 1) / 1000.0;
            view.put("rowsPerSecond", Math.round(progress.processed() / seconds));
        }
        if (job.document().getString("failure") != null) {
            view.put("failure", job.document().getString("failure"));
        }
        view.put("errors", "/api/integrations/imports/" + job.id() + "/errors");
        return view;
    }

    public record ErrorRow(long row, String column, String reason) {
    }

    /** @param next the {@code after} of the next page; null on the last */
    public record ErrorPage(List<ErrorRow> errors, Long next) {
    }
}
