package io.handraiser.reporting.funnel;

import io.handraiser.contract.contact.Stage;
import io.handraiser.reporting.projection.StepType;

import java.time.Instant;

/**
 * One stored funnel step of a contact.
 *
 * @param stage the stage the contact entered with this step; null for a step that changes no stage
 * @param model the scoring model version of an MQL decided by the system; null otherwise
 */
record Step(long seq, StepType type, Instant at, Stage stage, Stage from, String tier, String model, String actorKind,
            String reason) {

    boolean entersStage() {
        return stage != null;
    }
}
