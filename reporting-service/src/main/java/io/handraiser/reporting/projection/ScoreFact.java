package io.handraiser.reporting.projection;

import java.time.Instant;

/**
 * A contact's latest score as one string, so that keeping "the latest" is a single {@code $max}: the score
 * stream's sequence number comes first, zero-padded, so string order is stream order. A redelivered or late
 * (rebuild) write of an older score then changes nothing, in any interleaving, without reading first.
 *
 * @param tier the tier the score reached; null for none
 */
public record ScoreFact(long sequence, Instant at, int fit, int engagement, String tier) {

    static String encode(long sequence, Instant at, int fit, int engagement, String tier) {
        return String.format("%019d|%013d|%d|%d|%s", sequence, at.toEpochMilli(), fit, engagement, tier == null ? "" : tier);
    }

    /** The stored form back; null for null. */
    public static ScoreFact decode(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\|", -1);
        return new ScoreFact(Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])), Integer.parseInt(parts[2]),
                             Integer.parseInt(parts[3]), parts[4].isEmpty() ? null : parts[4]);
    }
}
