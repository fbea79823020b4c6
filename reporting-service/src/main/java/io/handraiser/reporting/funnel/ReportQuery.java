package io.handraiser.reporting.funnel;

import java.time.Instant;

/**
 * A report's filters, validated.
 *
 * @param from         inclusive; null for the beginning
 * @param to           exclusive; null for no end
 * @param at           the moment stage counts are taken at; null for now
 * @param source       only contacts captured from this source system
 * @param campaign     only contacts captured for this campaign
 * @param modelVersion only MQL decisions under this model version ("manual" for a person's)
 * @param tier         only MQL decisions (or handoffs) of this tier
 */
public record ReportQuery(Instant from, Instant to, Instant at, Period period, Breakdown breakdown, String source, String campaign,
                          String modelVersion, String tier) {

    boolean inRange(Instant instant) {
        return (from == null || !instant.isBefore(from)) && (to == null || instant.isBefore(to));
    }
}
