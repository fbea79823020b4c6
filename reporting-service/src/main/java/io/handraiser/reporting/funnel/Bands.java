package io.handraiser.reporting.funnel;

import io.handraiser.reporting.query.Params;

import java.util.ArrayList;
import java.util.List;

/**
 * Score bands from the lowest score of each, highest first: {@code 40,20,1} makes four bands, the first from 40
 * up, the last below 1. Named by letters (fit: A, B, ...) or digits (engagement: 1, 2, ...), the grid users of
 * HubSpot and Pardot know as A1 to D4.
 */
public record Bands(List<Integer> minimums, boolean letters) {

    static final int MAX_BANDS = 8;

    public int count() {
        return minimums.size() + 1;
    }

    public String name(int index) {
        return letters ? String.valueOf((char) ('A' + index)) : String.valueOf(index + 1);
    }

    /** The band a score falls in. */
    public int of(int score) {
        for (int i = 0; i < minimums.size(); i++) {
            if (score >= minimums.get(i)) {
                return i;
            }
        }
        return minimums.size();
    }

    /** The lowest score of a band; null for the last, which has none. */
    public Integer minimum(int index) {
        return index < minimums.size() ? minimums.get(index) : null;
    }

    /** The band named {@code name}, or -1. */
    public int index(String name) {
        for (int i = 0; i < count(); i++) {
            if (name(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The parameter's bands, or {@code fallback} when it is absent; a bad list is rejected by name. */
    static Bands parse(Params params, String name, String value, List<Integer> fallback, boolean letters) {
        if (value == null || value.isBlank()) {
            return new Bands(fallback, letters);
        }
        List<Integer> minimums = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                minimums.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException notANumber) {
                params.reject(name, name + " must be whole numbers separated by commas, highest first, such as 40,20,1");
                return new Bands(fallback, letters);
            }
        }
        String problem = check(minimums);
        if (problem != null) {
            params.reject(name, name + " " + problem);
            return new Bands(fallback, letters);
        }
        return new Bands(List.copyOf(minimums), letters);
    }

    /** Why {@code minimums} make no bands, or null when they do. */
    public static String check(List<Integer> minimums) {
        if (minimums.isEmpty() || minimums.size() >= MAX_BANDS) {
            return "must have 1 to " + (MAX_BANDS - 1) + " lowest scores (making 2 to " + MAX_BANDS + " bands)";
        }
        for (int i = 1; i < minimums.size(); i++) {
            if (minimums.get(i) >= minimums.get(i - 1)) {
                return "must be strictly descending, highest first, such as 40,20,1";
            }
        }
        return null;
    }
}
