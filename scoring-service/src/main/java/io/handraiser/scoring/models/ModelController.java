package io.handraiser.scoring.models;

import io.handraiser.scoring.engine.InvalidModel;
import io.handraiser.scoring.scores.Rescoring;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import io.handraiser.starter.web.ProblemAdvice;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Marketing's scoring models: drafts are created from a JSON document, checked in full (a 400 names every
 * problem with its path), published to become the active version, and stay readable for ever after, because
 * every decision names the version it was made under.
 */
@RestController
public class ModelController {

    private final ModelStore models;
    private final Rescoring rescoring;
    private final JsonMapper json;
    private final Clock clock;

    public ModelController(ModelStore models, Rescoring rescoring, JsonMapper json, Clock clock) {
        this.models = models;
        this.rescoring = rescoring;
        this.json = json;
        this.clock = clock;
    }

    /** The body is the model document itself; see the README's "Scoring" section for its format. */
    @PostMapping(path = "/api/scoring/models", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    public ResponseEntity<ModelView> createDraft(@RequestBody(required = false) String document, Authentication caller) {
        StoredModel draft;
        try {
            draft = models.createDraft(document, caller.getName(), clock.instant());
        } catch (InvalidModel invalid) {
            throw BadRequest.of(invalid.problems().stream().map(problem -> new FieldError(problem.field(), problem.message())).toList());
        }
        return ResponseEntity.created(URI.create("/api/scoring/models/" + draft.version())).body(view(draft, false));
    }

    @GetMapping("/api/scoring/models")
    @PreAuthorize("hasAnyRole('marketing', 'analyst', 'admin')")
    public ModelList list() {
        int active = models.activeVersion();
        return new ModelList(active, models.list().stream().map(model -> summary(model, model.version() == active)).toList());
    }

    @GetMapping("/api/scoring/models/active")
    @PreAuthorize("hasAnyRole('marketing', 'analyst', 'admin')")
    public ModelView active() {
        return get(models.activeVersion());
    }

    @GetMapping("/api/scoring/models/{version}")
    @PreAuthorize("hasAnyRole('marketing', 'analyst', 'admin')")
    public ModelView get(@PathVariable int version) {
        StoredModel model = models.find(version).orElseThrow(() -> ProblemAdvice.notFound("no scoring model has version " + version));
        return view(model, version == models.activeVersion());
    }

    /** Makes the draft the active version and starts rescoring open contacts under it; poll this version for progress. */
    @PostMapping("/api/scoring/models/{version}/publish")
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    public ModelView publish(@PathVariable int version, Authentication caller) {
        return view(rescoring.publish(version, caller.getName()), true);
    }

    private ModelView view(StoredModel model, boolean active) {
        return new ModelView(model.version(), model.name(), model.status(), active, model.createdAt(), model.createdBy(),
                             model.publishedAt(), model.publishedBy(), model.rescoring(), json.readTree(model.document()));
    }

    private static ModelSummary summary(StoredModel model, boolean active) {
        return new ModelSummary(model.version(), model.name(), model.status(), active, model.createdAt(), model.createdBy(),
                                model.publishedAt(), model.publishedBy(), model.rescoring());
    }

    public record ModelList(int active, List<ModelSummary> versions) {
    }

    public record ModelSummary(int version, String name, StoredModel.Status status, boolean active, Instant createdAt,
                               String createdBy, Instant publishedAt, String publishedBy, StoredModel.Rescoring rescoring) {
    }

    /** @param model the document exactly as it was sent */
    public record ModelView(int version, String name, StoredModel.Status status, boolean active, Instant createdAt,
                            String createdBy, Instant publishedAt, String publishedBy, StoredModel.Rescoring rescoring,
                            JsonNode model) {
    }
}
