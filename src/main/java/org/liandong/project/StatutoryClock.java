package org.liandong.project;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.liandong.common.TimeConfig;

/**
 * The statutory time limit rule: the matter type's limit counts working days from acceptance.
 * The day of acceptance itself does not count (the period starts the next day). A one-time
 * supplement notice pauses the clock: days after the notice up to and including the day of
 * resubmission do not count. A decision or withdrawal stops it. Everything is derived from the
 * project's timeline, so nothing extra is stored and history cannot drift from the figure.
 */
@ApplicationScoped
public class StatutoryClock {

    private final WorkingDayCalendar calendar;
    private final ZoneId zone;
    private final Clock clock;

    StatutoryClock(WorkingDayCalendar calendar, TimeConfig time, Clock clock) {
        this.calendar = calendar;
        this.zone = time.zone();
        this.clock = clock;
    }

    public ClockView clockOf(Project p) {
        return clockOf(p, clock.instant());
    }

    public ClockView clockOf(Project p, Instant now) {
        int limit = p.matterType().timeLimitDays();
        if (p.acceptedAt() == null) {
            return new ClockView(ClockView.State.NOT_STARTED, limit, 0, limit, null, null, false, null);
        }
        LocalDate start = date(p.acceptedAt());
        List<LocalDate[]> pauses = new ArrayList<>(); // [from (exclusive), to (inclusive) or null while open]
        LocalDate stoppedOn = null;
        for (ProjectEvent e : p.events().stream()
                .sorted(Comparator.comparing(ProjectEvent::at))
                .toList()) {
            if (e.at().isBefore(p.acceptedAt())) {
                continue;
            }
            switch (e.type()) {
                case "supplement-requested" -> pauses.add(new LocalDate[] {date(e.at()), null});
                case "resubmitted" -> {
                    if (!pauses.isEmpty() && pauses.get(pauses.size() - 1)[1] == null) {
                        pauses.get(pauses.size() - 1)[1] = date(e.at());
                    }
                }
                case "decided", "withdrawn" -> stoppedOn = date(e.at());
                default -> {}
            }
        }
        LocalDate today = stoppedOn != null ? stoppedOn : date(now);
        LocalDate[] open =
                pauses.isEmpty() || pauses.get(pauses.size() - 1)[1] != null ? null : pauses.get(pauses.size() - 1);
        // Walk day by day: up to today with the recorded pauses, then on (as if resumed today) to the due date.
        int used = 0;
        int counted = 0;
        LocalDate due = null;
        for (LocalDate d = start.plusDays(1); due == null || !d.isAfter(today); d = d.plusDays(1)) {
            boolean past = !d.isAfter(today);
            if (!calendar.isWorkingDay(d) || (past && paused(d, pauses))) {
                continue;
            }
            counted++;
            if (past) {
                used = counted;
            }
            if (due == null && counted == limit) {
                due = d;
            }
        }
        ClockView.State state = stoppedOn != null
                ? ClockView.State.STOPPED
                : open != null ? ClockView.State.PAUSED : ClockView.State.RUNNING;
        return new ClockView(state, limit, used, limit - used, start, due, used > limit, open == null ? null : open[0]);
    }

    /** Projects whose clock runs (or is paused) and that are due within {@code days} working days, or overdue. */
    public boolean atRisk(ClockView c, int days) {
        return c.state() != ClockView.State.NOT_STARTED && c.state() != ClockView.State.STOPPED && c.daysLeft() <= days;
    }

    private static boolean paused(LocalDate d, List<LocalDate[]> pauses) {
        for (LocalDate[] p : pauses) {
            if (d.isAfter(p[0]) && (p[1] == null || !d.isAfter(p[1]))) {
                return true;
            }
        }
        return false;
    }

    private LocalDate date(Instant i) {
        return i.atZone(zone).toLocalDate();
    }
}
