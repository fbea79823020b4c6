package io.handraiser.scoring.evaluation;

import io.handraiser.scoring.evaluation.JobRequest.Candidate;
import io.handraiser.scoring.models.ModelStore;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.ProblemAdvice;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What-if evaluations: marketing starts one for a candidate model (inline, or a stored draft or version) and an
 * optional range; it runs in the background, and anyone who reads models polls it for progress and the report.
 */
@RestController
public class EvaluationController {

    private static final int MAX_PAGE = 100;

    private final Evaluations evaluations;
    private final ModelStore models;
    private final JsonMapper json;

    EvaluationController(Evaluations evaluations, ModelStore models, JsonMapper json) {
        this.evaluations = evaluations;
        this.models = models;
        this.json = json;
    }

    /** 202 with the job's Location; poll it until {@code state} is DONE (or FAILED). */
    @PostMapping(path = "/api/scoring/evaluations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    public ResponseEntity<JobView> start(@RequestBody(required = false) String body, Authentication caller) {
        JobRequest request = JobRequest.read(body, Set.of());
        Candidate candidate = request.candidate(models);
        TimeRange range = request.range();
        request.check();
        String id = evaluations.start(candidate, range, caller.getName());
        return ResponseEntity.accepted().location(URI.create("/api/scoring/evaluations/" + id)).body(get(id));
    }

    @GetMapping("/api/scoring/evaluations/{id}")
    @PreAuthorize("hasAnyRole('marketing', 'analyst', 'admin')")
    public JobView get(@PathVariable String id) {
        return evaluations.find(id).map(job -> JobView.of(job, json))
                          .orElseThrow(() -> ProblemAdvice.notFound("no evaluation has id " + id));
    }

    /** Newest first, without reports; pass {@code next} as {@code before} for the following page. */
    @GetMapping("/api/scoring/evaluations")
    @PreAuthorize("hasAnyRole('marketing', 'analyst', 'admin')")
    public JobList list(@RequestParam(required = false) String before, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw BadRequest.field("limit", "limit must be from 1 to " + MAX_PAGE);
        }
        BackgroundJobs.Page page = evaluations.list(before, limit);
        return new JobList(page.jobs().stream().map(job -> JobView.of(job, json)).toList(), page.next());
    }

    /** @param next the {@code before} of the next page; null on the last */
    public record JobList(List<JobView> items, String next) {
    }
}
