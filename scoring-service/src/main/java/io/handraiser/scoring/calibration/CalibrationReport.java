package io.handraiser.scoring.calibration;

import java.util.List;

/**
 * How a calibration's draft was made and how well it does on contacts it was not fitted to.
 *
 * @param intercept  the fitted log-odds of a positive outcome for a contact no rule counted for
 * @param training   the judged contacts the weights and thresholds were fitted to
 * @param validation the judged contacts held out: the draft's honest precision and recall
 * @param rules      every weighted rule of the base model, in the model's order
 * @param tiers      the draft's tiers, highest first
 */
public record CalibrationReport(double targetPrecision, double holdOut, double intercept, Sample training, Sample validation,
                                List<RuleWeight> rules, List<TierThreshold> tiers) {

    /**
     * @param qualified contacts the draft's tiers admit (at the moment each was handed to sales or judged)
     * @param precision positive / qualified; null when none is qualified
     * @param recall    qualified positive / positive; null without positives
     */
    public record Sample(long contacts, long positive, long negative, long qualified, Double precision, Double recall) {
    }

    /**
     * @param section         where the rule sits in the model: fit, negative, engagement or handRaisers
     * @param points          its points in the base model
     * @param coefficient     its fitted weight: the change in log-odds per time its points count
     * @param suggestedPoints its points in the draft; null when it is left out
     */
    public record RuleWeight(String rule, String section, int points, double coefficient, Integer suggestedPoints, String note) {
    }

    /**
     * @param trainingPrecision the precision among training contacts reaching this tier (or a higher one's bar)
     * @param targetReached     false when no total bar reaches the target; the bar then gives the best precision found
     */
    public record TierThreshold(String tier, int minFit, int minTotal, Double trainingPrecision, boolean targetReached) {
    }
}
