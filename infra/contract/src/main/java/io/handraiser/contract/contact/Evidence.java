package io.handraiser.contract.contact;

import java.util.List;

/**
 * Why a contact qualified: the score at that moment, its fit and engagement parts kept apart, and
 * the signals that made them up. For a person's manual decision the scores may be absent.
 */
public record Evidence(Integer score, Integer fit, Integer engagement, List<Signal> signals) {

    public Evidence {
        signals = signals == null ? List.of() : List.copyOf(signals);
        if (score != null && fit != null && engagement != null && score != fit + engagement) {
            throw new IllegalArgumentException("evidence score " + score + " is not fit " + fit + " + engagement " + engagement);
        }
    }

    public static Evidence none() {
        return new Evidence(null, null, null, List.of());
    }

    public static Evidence scored(int fit, int engagement, List<Signal> signals) {
        return new Evidence(fit + engagement, fit, engagement, signals);
    }
}
