package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.EngagementType;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An engagement rule, a negative rule on behaviour, or a hand-raiser: points for each occurrence of an engagement
 * type, optionally only where the URL or asset matches, at most {@code cap.max} occurrences within the last
 * {@code cap.per}, and fading by {@code decay}.
 *
 * @param urlPattern   found anywhere in the page URL, case-insensitively; null to accept any
 * @param assetPattern found anywhere in the asset name, case-insensitively; null to accept any
 * @param cap          null for no cap; an occurrence older than its window counts no more
 * @param decay        null for points that never fade
 */
public record ActivityRule(String name, EngagementType type, Pattern urlPattern, Pattern assetPattern, int points, Cap cap,
                           Decay decay) {

    /** At most {@code max} occurrences counted within the last {@code per}; older ones stop counting. */
    public record Cap(int max, Duration per) {
    }

    /** After each {@code after} the points halve, or, for {@link Mode#EXPIRE}, drop to nothing. */
    public record Decay(Duration after, Mode then) {
        public enum Mode { EXPIRE, HALVE }
    }

    public boolean matches(Engagement engagement) {
        return engagement.type().equals(type)
               && (urlPattern == null || engagement.url() != null && urlPattern.matcher(engagement.url()).find())
               && (assetPattern == null || engagement.asset() != null && assetPattern.matcher(engagement.asset()).find());
    }

    /** What one occurrence is worth at {@code now}: 0 once outside the window or fully decayed. */
    public int pointsAt(Instant occurredAt, Instant now) {
        Duration age = age(occurredAt, now);
        if (cap != null && age.compareTo(cap.per()) >= 0) {
            return 0;
        }
        if (decay == null) {
            return points;
        }
        long periods = age.dividedBy(decay.after());
        if (decay.then() == Decay.Mode.EXPIRE) {
            return periods == 0 ? points : 0;
        }
        // dividing rather than shifting rounds toward zero, so negative points fade to nothing too
        return periods >= Integer.SIZE - 1 ? 0 : points / (1 << periods);
    }

    /** The next moment after {@code now} when the occurrence's worth changes; null if it never will. */
    public Instant changesAfter(Instant occurredAt, Instant now) {
        Instant next = null;
        if (cap != null) {
            next = earliest(next, occurredAt.plus(cap.per()));
        }
        if (decay != null) {
            long periods = age(occurredAt, now).dividedBy(decay.after());
            next = earliest(next, occurredAt.plus(decay.after().multipliedBy(periods + 1)));
        }
        return next != null && next.isAfter(now) ? next : null;
    }

    /** When the occurrence stops counting for good; null if it never does. */
    public Instant expiresAt(Instant occurredAt) {
        Instant end = cap == null ? null : occurredAt.plus(cap.per());
        if (decay != null) {
            long periodsToNothing = decay.then() == Decay.Mode.EXPIRE ? 1 : Integer.SIZE - Integer.numberOfLeadingZeros(Math.abs(points));
            end = earliest(end, occurredAt.plus(decay.after().multipliedBy(periodsToNothing)));
        }
        return end;
    }

    public String describe() {
        StringBuilder text = new StringBuilder(type.name());
        if (urlPattern != null) {
            text.append(" url matches /").append(urlPattern.pattern()).append('/');
        }
        if (assetPattern != null) {
            text.append(" asset matches /").append(assetPattern.pattern()).append('/');
        }
        text.append(", ").append(points).append(" each");
        if (cap != null) {
            text.append(", at most ").append(cap.max()).append(" per ").append(cap.per());
        }
        if (decay != null) {
            text.append(decay.then() == Decay.Mode.HALVE ? ", halving every " : ", expiring after ").append(decay.after());
        }
        return text.toString();
    }

    private static Duration age(Instant occurredAt, Instant now) {
        return occurredAt.isAfter(now) ? Duration.ZERO : Duration.between(occurredAt, now);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** Patterns have no equality of their own; rules with the same expressions are the same rule. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ActivityRule rule && name.equals(rule.name) && type == rule.type && points == rule.points
               && text(urlPattern).equals(text(rule.urlPattern)) && text(assetPattern).equals(text(rule.assetPattern))
               && Objects.equals(cap, rule.cap) && Objects.equals(decay, rule.decay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, points, text(urlPattern), text(assetPattern), cap, decay);
    }

    private static String text(Pattern pattern) {
        return pattern == null ? "" : pattern.pattern();
    }
}
