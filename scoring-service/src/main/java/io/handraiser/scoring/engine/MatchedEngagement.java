package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.EngagementType;

import java.time.Instant;

/**
 * An engagement reduced to what scoring keeps of it: when it happened and the one rule it counts for under a
 * model version. The URL or asset that matched is not needed any more once the rule is known.
 */
public record MatchedEngagement(String id, EngagementType type, Instant occurredAt, String rule) {
}
