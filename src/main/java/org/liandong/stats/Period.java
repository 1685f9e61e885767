package org.liandong.stats;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.liandong.common.ProblemException;

/**
 * A run of whole calendar months, {@code from} to {@code to} inclusive, as the statistics page picks
 * them (a month, a quarter, a year). Months are months in the service zone (Asia/Shanghai): a
 * decision at 2026-03-31T17:00Z belongs to April. At most 36 months.
 */
public record Period(YearMonth from, YearMonth to) {

    public static final int MAX_MONTHS = 36;

    public Period {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "must not be before from (" + from + ")");
        }
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw ProblemException.invalid("to", "at most " + MAX_MONTHS + " months at a time");
        }
    }

    /** Parses {@code YYYY-MM} query parameters; a missing {@code to} means the same month as {@code from}. */
    public static Period parse(String from, String to) {
        YearMonth f = month("from", from);
        return new Period(f, to == null || to.isBlank() ? f : month("to", to));
    }

    public static YearMonth month(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(field, "required, as YYYY-MM");
        }
        try {
            if (!text.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM", text, 0);
            }
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "'" + text + "' is not a month as YYYY-MM");
        }
    }

    public static Period of(YearMonth month) {
        return new Period(month, month);
    }

    /** First instant of the period in {@code zone}. */
    public Instant start(ZoneId zone) {
        return from.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** First instant after the period in {@code zone} (exclusive end). */
    public Instant end(ZoneId zone) {
        return to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    @Override
    public String toString() {
        return from.equals(to) ? from.toString() : from + ".." + to;
    }
}
