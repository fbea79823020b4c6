package io.handraiser.reporting.funnel;

import io.handraiser.contract.contact.Stage;
import io.handraiser.reporting.projection.StepType;

import java.time.Instant;

/**
 * One stored funnel step of a contact.
 *
 * @param stage the stage the contact entered with this step; null for a step that changes no stage
 * @param model the scoring model version of an MQL decided by the system; null otherwise
 * @param fit        an MQL's fit score in its evidence; null otherwise, or when the decision had no score
 * @param engagement an MQL's engagement score in its evidence, likewise
 */
record Step(long seq, StepType type, Instant at, Stage stage, Stage from, String tier, String model, String actorKind,
            String reason, Integer fit, Integer engagement) {

    boolean entersStage() {
        return stage != null;
    }
}
