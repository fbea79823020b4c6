package io.handraiser.reporting.funnel;

import io.handraiser.reporting.query.Params;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** A cohort's length: the ISO week (from Monday) or the calendar month a contact entered a stage, in UTC. */
public enum Period implements Params.Named {
    WEEK("week"), MONTH("month");

    private final String parameterValue;

    Period(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    @Override
    public String parameterValue() {
        return parameterValue;
    }

    public LocalDate start(Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    /** 2026-W47 or 2026-11. */
    public String label(LocalDate start) {
        if (this == WEEK) {
            return String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        return String.format("%d-%02d", start.getYear(), start.getMonthValue());
    }
}
