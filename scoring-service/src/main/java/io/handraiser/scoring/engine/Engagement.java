package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.EngagementType;

import java.time.Instant;

/**
 * One thing the contact did, as engagement rules look at it. The URL is personal data (query strings carry
 * addresses and tracking ids): it is matched in memory and never stored.
 */
public record Engagement(String id, EngagementType type, Instant occurredAt, String url, String asset) {
}
