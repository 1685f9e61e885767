package org.liandong.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Working-day counts of one decided project, from its timeline. The counting rule is the statutory
 * clock's (project/StatutoryClock): a period starts the day after its first day; a supplement
 * pause runs from the day after the notice up to and including the day of resubmission. "Net"
 * leaves the paused days out, "gross" counts them. Pure: no I/O.
 */
final class CaseDurations {

    /** One supplement pause, in local dates: notice day (exclusive) to resubmission day (inclusive). */
    record Pause(LocalDate noticeDay, LocalDate resumedDay) {
        boolean covers(LocalDate d) {
            return d.isAfter(noticeDay) && !d.isAfter(resumedDay);
        }
    }

    private final Predicate<LocalDate> workingDay;
    private final List<Pause> pauses;

    CaseDurations(Predicate<LocalDate> workingDay, List<Pause> pauses) {
        this.workingDay = workingDay;
        this.pauses = List.copyOf(pauses);
    }

    /** Builds the pauses from (type, local date) timeline entries in time order. */
    static List<Pause> pauses(List<TimelineDay> timeline, LocalDate decided) {
        List<Pause> pauses = new ArrayList<>();
        LocalDate open = null;
        for (TimelineDay e : timeline) {
            if ("supplement-requested".equals(e.type())) {
                open = e.day();
            } else if ("resubmitted".equals(e.type()) && open != null) {
                pauses.add(new Pause(open, e.day()));
                open = null;
            }
        }
        if (open != null) { // cannot happen for a decided project; counted as paused up to the decision
            pauses.add(new Pause(open, decided));
        }
        return pauses;
    }

    record TimelineDay(String type, LocalDate day) {}

    /** Working days in (from, to]. */
    int gross(LocalDate from, LocalDate to) {
        return count(from, to, false);
    }

    /** Working days in (from, to] outside every pause. */
    int net(LocalDate from, LocalDate to) {
        return count(from, to, true);
    }

    private boolean paused(LocalDate d) {
        return pauses.stream().anyMatch(p -> p.covers(d));
    }

    private int count(LocalDate from, LocalDate to, boolean skipPauses) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (workingDay.test(d) && !(skipPauses && paused(d))) {
                n++;
            }
        }
        return n;
    }
}
