package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Tier;

import java.time.Instant;
import java.util.List;

/**
 * A contact's score at one moment under one model, with its explanation. Fit and engagement stay apart; the
 * signals always sum to them, because they are the only thing they are computed from.
 *
 * @param tier           the first tier reached, or null
 * @param disqualifier   the disqualifier that matched, or null; no tier is reached while one matches
 * @param handRaiser     the hand-raiser that counts now, or null
 * @param reason         why the tier is reached, for people; null without a tier
 * @param nextChangeAt   when points next decay or leave their window; null if they never change by time alone
 */
public record Score(int fit, int engagement, Tier tier, Disqualifier disqualifier, String handRaiser, String reason,
                    List<Explained> signals, Instant nextChangeAt) {

    public Score {
        signals = List.copyOf(signals);
    }

    public int total() {
        return fit + engagement;
    }

    /** The score as contact-service records it with a decision: each rule that counted and its points. */
    public Evidence evidence() {
        return Evidence.scored(fit, engagement, signals.stream().map(Explained::signal).toList());
    }

    public DisqualificationReason disqualificationReason() {
        return disqualifier == null ? null : disqualifier.reason();
    }

    /** The side of the score a signal adds to. A disqualifier adds nothing: it rules the contact out. */
    public enum Kind { FIT, NEGATIVE_FIT, ENGAGEMENT, NEGATIVE_ENGAGEMENT, HAND_RAISER, DISQUALIFIER }

    /**
     * One rule that counted.
     *
     * @param detail       what the rule tests, in words; never the contact's own values
     * @param occurrences  the engagements it counted, each with its points now; empty for profile rules
     * @param nextChangeAt when its points next drop; null if never
     * @param expiresAt    when it stops counting altogether; null if never
     */
    public record Explained(String rule, Kind kind, int points, String detail, List<Occurrence> occurrences,
                            Instant nextChangeAt, Instant expiresAt) {

        public Explained {
            occurrences = List.copyOf(occurrences);
        }

        public boolean isFit() {
            return kind == Kind.FIT || kind == Kind.NEGATIVE_FIT;
        }

        Signal signal() {
            return new Signal(rule, points, detail);
        }
    }

    /** One counted engagement: its points now, when they next drop, and when they are gone. */
    public record Occurrence(String engagementId, Instant occurredAt, int points, Instant nextChangeAt, Instant expiresAt) {
    }
}
