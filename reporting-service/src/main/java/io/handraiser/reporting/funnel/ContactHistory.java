package io.handraiser.reporting.funnel;

import io.handraiser.contract.contact.Stage;
import io.handraiser.reporting.projection.Facts;
import io.handraiser.reporting.projection.ScoreFact;

import java.util.List;
import java.util.Map;

/**
 * A contact as reports see it: where it came from and its steps in sequence order.
 *
 * @param scores its latest score under any model and per model version, by their field under {@code scores}
 */
record ContactHistory(String id, String source, String campaign, List<Step> steps, Map<String, ScoreFact> scores) {

    /** The latest score, under {@code modelVersion} when it is not null; null when there is none. */
    ScoreFact score(String modelVersion) {
        String field = modelVersion == null ? Facts.LATEST_SCORE : Facts.scoreField(modelVersion);
        return scores.get(field.substring("scores.".length()));
    }

    /** The stage entered last; null before any. */
    Stage stage() {
        Stage stage = null;
        for (Step step : steps) {
            stage = step.entersStage() ? step.stage() : stage;
        }
        return stage;
    }
}
