package io.handraiser.scoring.scores;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.scoring.engine.LeadScore;
import io.handraiser.scoring.engine.Score;
import io.handraiser.scoring.models.ModelStore;
import io.handraiser.starter.web.ProblemAdvice;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A contact's score as of now, with every rule that counted, its points and when they drop or expire. Computed
 * at the request from the stored matches, so it shows decay to the second; the explanation sums to the total.
 */
@RestController
public class ScoreController {

    private final LeadScoreKeeper keeper;
    private final ModelStore models;
    private final Clock clock;

    ScoreController(LeadScoreKeeper keeper, ModelStore models, Clock clock) {
        this.keeper = keeper;
        this.models = models;
        this.clock = clock;
    }

    @GetMapping("/api/scores/{contactId}")
    @PreAuthorize("hasAnyRole('marketing', 'sales', 'analyst', 'admin')")
    public ScoreView score(@PathVariable ContactId contactId) {
        LeadScore state = keeper.find(contactId.toString()).map(StoredScore::state).filter(found -> !found.erased())
                                .orElseThrow(() -> ProblemAdvice.notFound("no score is kept for contact " + contactId
                                                                          + " (unknown, not scored yet, or erased)"));
        Instant now = clock.instant();
        Score score = state.score(models.model(state.modelVersion()), now);
        return new ScoreView(contactId.toString(), state.modelVersion(), !state.modelVersion().equals(String.valueOf(models.activeVersion())),
                             now, score.fit(), score.engagement(), score.total(), score.tier(), score.reason(),
                             score.disqualifier() == null ? null : new Disqualification(score.disqualifier().name(), score.disqualificationReason()),
                             state.stage(), score.nextChangeAt(),
                             score.signals().stream().map(signal -> new Explanation(signal.rule(), signal.kind(), signal.points(), signal.detail(),
                                                                                    signal.nextChangeAt(), signal.expiresAt(), signal.occurrences()))
                                  .toList());
    }

    /**
     * @param rescoringPending true while the contact is still scored under an older version than the active one
     * @param nextChangeAt     when some points next drop by time alone; null if none will
     * @param explanation      every rule that counted; their points sum to {@code total}
     */
    public record ScoreView(String contactId, String modelVersion, boolean rescoringPending, Instant at, int fit, int engagement,
                            int total, Tier tier, String reason, Disqualification disqualifiedBy, Stage stage, Instant nextChangeAt,
                            List<Explanation> explanation) {
    }

    public record Disqualification(String rule, DisqualificationReason reason) {
    }

    /**
     * @param nextChangeAt when the rule's points next drop; null if never
     * @param expiresAt    when it stops counting altogether; null if never
     * @param occurrences  the engagements it counted, each with its own points and expiry
     */
    public record Explanation(String rule, Score.Kind kind, int points, String detail, Instant nextChangeAt, Instant expiresAt,
                              List<Score.Occurrence> occurrences) {
    }
}
