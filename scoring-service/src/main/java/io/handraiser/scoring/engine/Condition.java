package io.handraiser.scoring.engine;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a rule tests one attribute. Text compares case-insensitively, because sources spell industries and titles
 * as they please; a pattern is a keyword or regular expression found anywhere in the value.
 */
public sealed interface Condition {

    boolean test(Object value);

    /** The condition in words, for explanations; never the contact's own value, which may be personal. */
    String describe();

    record EqualsText(String expected) implements Condition {
        @Override
        public boolean test(Object value) {
            return value instanceof String text && text.equalsIgnoreCase(expected);
        }

        @Override
        public String describe() {
            return "is \"" + expected + "\"";
        }
    }

    record EqualsNumber(long expected) implements Condition {
        @Override
        public boolean test(Object value) {
            return value instanceof Number number && number.longValue() == expected;
        }

        @Override
        public String describe() {
            return "is " + expected;
        }
    }

    record OneOfText(List<String> options) implements Condition {
        public OneOfText {
            options = options.stream().map(option -> option.toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public boolean test(Object value) {
            return value instanceof String text && options.contains(text.toLowerCase(Locale.ROOT));
        }

        @Override
        public String describe() {
            return "one of " + options.stream().collect(Collectors.joining(", ", "[", "]"));
        }
    }

    record OneOfNumber(List<Long> options) implements Condition {
        @Override
        public boolean test(Object value) {
            return value instanceof Number number && options.contains(number.longValue());
        }

        @Override
        public String describe() {
            return "one of " + options;
        }
    }

    record Matches(Pattern pattern) implements Condition {
        public static Matches of(String regex) {
            return new Matches(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }

        @Override
        public boolean test(Object value) {
            return value instanceof String text && pattern.matcher(text).find();
        }

        @Override
        public String describe() {
            return "matches /" + pattern.pattern() + "/";
        }

        /** Patterns have no equality of their own; two conditions with the same expression are the same rule. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Matches matches && matches.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /** @param min inclusive lower bound, or null for none; @param max inclusive upper bound, or null for none */
    record Range(Long min, Long max) implements Condition {
        @Override
        public boolean test(Object value) {
            return value instanceof Number number && (min == null || number.longValue() >= min)
                   && (max == null || number.longValue() <= max);
        }

        @Override
        public String describe() {
            return "in " + (min == null ? "" : min) + ".." + (max == null ? "" : max);
        }
    }
}
