package io.handraiser.reporting.funnel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The shapes the funnel reports answer with. Rates are figures divided, kept for convenience; counts are the truth. */
public final class FunnelFigures {

    private FunnelFigures() {
    }

    /** @param at null when taken now */
    public record StageCounts(Instant at, String breakdown, List<StageGroup> groups) {
    }

    /** @param disqualified how many of {@code total} were disqualified at that moment */
    public record StageGroup(String key, Map<String, Long> stages, long total, long disqualified) {
    }

    public record Conversions(String period, Instant from, Instant to, String breakdown, List<ConversionGroup> groups) {
    }

    public record ConversionGroup(String key, List<Transition> transitions) {
    }

    /** All cohorts of one step of the funnel, and their sum. */
    public record Transition(String from, String to, long entered, long converted, Double rate, List<Cohort> cohorts) {
    }

    /** The contacts that first entered the earlier stage in one period, and how many of them reached the later one. */
    public record Cohort(String period, LocalDate start, long entered, long converted, Double rate) {
    }

    public record TimeInStage(Instant from, Instant to, String breakdown, List<TimeGroup> groups) {
    }

    public record TimeGroup(String key, List<StageTime> stages) {
    }

    /** @param visits completed stays in the stage that began in the range; a stay still going is not counted */
    public record StageTime(String stage, int visits, Long medianMillis, Long p90Millis) {
    }

    public record MqlOutcomes(Instant from, Instant to, String breakdown, List<OutcomeGroup> groups) {
    }

    /**
     * @param accepted           the next stage after the MQL was SQL or later
     * @param returned           sales returned it to nurture straight from MQL
     * @param leftFunnel         it was moved to OTHER
     * @param open               it is still MQL
     * @param reachedOpportunity before it became MQL again, it reached OPPORTUNITY or later
     * @param reachedCustomer    before it became MQL again, it reached CUSTOMER or later
     */
    public record OutcomeGroup(String key, long mqls, long accepted, long returned, long leftFunnel, long open, long reachedOpportunity,
                               long reachedCustomer, Double acceptanceRate) {
    }

    public record Returns(Instant from, Instant to, String breakdown, List<ReturnGroup> groups) {
    }

    /** @param byStage how many were returned from MQL and from SQL */
    public record ReturnGroup(String key, long returned, Map<String, Long> byReason, Map<String, Long> byStage) {
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
