package org.liandong.project;

import java.time.LocalDate;

/**
 * A project's statutory clock: working days used since acceptance and left of the matter type's
 * limit, and the due date (assuming no further pause). Dates are local (Asia/Shanghai).
 *
 * @param state        NOT_STARTED before acceptance, RUNNING, PAUSED while supplementing, STOPPED once decided/withdrawn
 * @param daysLeft     negative when overdue
 * @param pausedSince  the date the current pause began, while PAUSED
 */
public record ClockView(
        State state,
        int limitDays,
        int daysUsed,
        int daysLeft,
        LocalDate startDate,
        LocalDate dueDate,
        boolean overdue,
        LocalDate pausedSince) {

    public enum State {
        NOT_STARTED,
        RUNNING,
        PAUSED,
        STOPPED
    }
}
