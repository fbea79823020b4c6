package io.handraiser.reporting.projection;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The audit's sort order and paging cursor in one string: the decision's time, then its contact and sequence
 * number, padded so that string order is time order. Unique per decision, so a page that ends between two
 * decisions at the same millisecond resumes exactly after the last one shown.
 */
public final class DecisionKey {

    private static final Pattern FORM = Pattern.compile("\\d{13}\\|[0-9a-f-]{36}\\|\\d{19}");

    private DecisionKey() {
    }

    public static String of(Instant at, String contactId, long sequence) {
        return String.format("%013d|%s|%019d", at.toEpochMilli(), contactId, sequence);
    }

    public static boolean isWellFormed(String key) {
        return key != null && FORM.matcher(key).matches();
    }
}
