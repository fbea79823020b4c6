package io.handraiser.scoring.calibration;

import io.handraiser.scoring.evaluation.BackgroundJobs;
import io.handraiser.scoring.evaluation.EvaluationController.JobList;
import io.handraiser.scoring.evaluation.JobRequest;
import io.handraiser.scoring.evaluation.JobRequest.Candidate;
import io.handraiser.scoring.evaluation.JobView;
import io.handraiser.scoring.evaluation.TimeRange;
import io.handraiser.scoring.models.ModelStore;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.ProblemAdvice;
import org.bson.Document;
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
import java.util.Set;

/**
 * Calibrations: marketing asks for a model's points to be fitted to the recorded outcomes; the job stores the
 * result as a new draft and reports its validation precision and recall.
 */
@RestController
public class CalibrationController {

    static final double DEFAULT_TARGET_PRECISION = 0.7;
    static final double DEFAULT_HOLD_OUT = 0.3;
    private static final int MAX_PAGE = 100;

    private final Calibrations calibrations;
    private final ModelStore models;
    private final JsonMapper json;

    CalibrationController(Calibrations calibrations, ModelStore models, JsonMapper json) {
        this.calibrations = calibrations;
        this.models = models;
        this.json = json;
    }

    /** 202 with the job's Location; once DONE its result names the draft version. */
    @PostMapping(path = "/api/scoring/calibrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    public ResponseEntity<JobView> start(@RequestBody(required = false) String body, Authentication caller) {
        JobRequest request = JobRequest.read(body, Set.of(Calibrations.TARGET_PRECISION, Calibrations.HOLD_OUT));
        Candidate base = request.candidate(models);
        TimeRange range = request.range();
        double targetPrecision = request.number(Calibrations.TARGET_PRECISION, 0.01, 0.99, DEFAULT_TARGET_PRECISION);
        double holdOut = request.number(Calibrations.HOLD_OUT, 0.1, 0.5, DEFAULT_HOLD_OUT);
        request.check();
        String id = calibrations.start(base, range, new Calibrator.Settings(targetPrecision, holdOut), caller.getName());
        return ResponseEntity.accepted().location(URI.create("/api/scoring/calibrations/" + id)).body(get(id));
    }

    @GetMapping("/api/scoring/calibrations/{id}")
    @PreAuthorize("hasAnyRole('marketing', 'analyst', 'admin')")
    public JobView get(@PathVariable String id) {
        return calibrations.find(id).map(this::view).orElseThrow(() -> ProblemAdvice.notFound("no calibration has id " + id));
    }

    @GetMapping("/api/scoring/calibrations")
    @PreAuthorize("hasAnyRole('marketing', 'analyst', 'admin')")
    public JobList list(@RequestParam(required = false) String before, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw BadRequest.field("limit", "limit must be from 1 to " + MAX_PAGE);
        }
        BackgroundJobs.Page page = calibrations.list(before, limit);
        return new JobList(page.jobs().stream().map(this::view).toList(), page.next());
    }

    private JobView view(Document job) {
        return JobView.of(job, json, Calibrations.TARGET_PRECISION, Calibrations.HOLD_OUT);
    }
}
