package io.handraiser.reporting.funnel;

import java.util.Arrays;

/**
 * Median and p90 by the nearest-rank method: the smallest value with at least p of all values at or below it.
 * Always one of the measured values, so a recount from the events finds the very same figure.
 */
public record Percentiles(int count, Long median, Long p90) {

    public static Percentiles of(long[] values) {
        if (values.length == 0) {
            return new Percentiles(0, null, null);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90));
    }

    private static long rank(long[] sorted, int percent) {
        // ceil(percent * n / 100) in integers, so no rounding error moves a rank
        int rank = (percent * sorted.length + 99) / 100;
        return sorted[Math.max(rank, 1) - 1];
    }
}
