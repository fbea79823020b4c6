package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.Tier;

/** A tier is reached with at least {@code minFit} fit and {@code minTotal} in all (or a hand-raiser and the fit). */
public record TierRule(Tier tier, int minFit, int minTotal) {
}
