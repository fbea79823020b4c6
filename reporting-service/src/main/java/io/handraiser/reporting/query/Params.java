package io.handraiser.reporting.query;

import io.handraiser.starter.web.Fields;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads query parameters and collects every refusal, so one 400 names each bad filter. Parameters are taken as
 * text and parsed here rather than bound by Spring, so that the detail says what a valid value looks like.
 */
public final class Params {

    private static final int MAX_ECHO = 80;

    private final Fields fields = new Fields();

    /** An ISO-8601 instant, or a date standing for the start of that day in UTC; null when absent. */
    public Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                fields.reject(name, name + " must be an ISO-8601 instant such as 2026-11-20T10:00:00Z or a date such as 2026-11-20, got '"
                                    + echo(value) + "'");
                return null;
            }
        }
    }

    /** One of {@code allowed} by its parameter name; {@code fallback} when absent. */
    @SafeVarargs
    public final <E extends Enum<E> & Named> E choice(String name, String value, E fallback, E... allowed) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (E candidate : allowed) {
            if (candidate.parameterValue().equals(value)) {
                return candidate;
            }
        }
        fields.reject(name, name + " must be one of " + Arrays.stream(allowed).map(Named::parameterValue).collect(Collectors.joining(", "))
                            + " for this report, got '" + echo(value) + "'");
        return fallback;
    }

    /** Free text such as a source or an actor id: trimmed, null when absent, refused when too long. */
    public String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            fields.reject(name, name + " must be at most " + maxLength + " characters");
            return null;
        }
        return value.trim();
    }

    /** A filter this report cannot apply is refused rather than silently ignored. */
    public void notApplicable(String name, String value, String report) {
        if (value != null) {
            fields.reject(name, name + " does not apply to " + report);
        }
    }

    public void range(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            fields.reject("to", "to must be after from (from is inclusive, to exclusive)");
        }
    }

    public void reject(String name, String message) {
        fields.reject(name, message);
    }

    /** Throws a 400 naming every rejected parameter, or returns when all were fine. */
    public void check() {
        fields.check();
    }

    private static String echo(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    }

    /** A choice as it is spelled in a query parameter. */
    public interface Named {
        String parameterValue();
    }
}
