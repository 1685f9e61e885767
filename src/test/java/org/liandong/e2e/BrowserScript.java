package org.liandong.e2e;

import java.net.URL;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.liandong.project.WorkingDayCalendar;
import org.liandong.support.BrowserCase;
import org.liandong.support.TestClock;

/**
 * Runs a browser script of e2e/ that schedules its own session ({@link BrowserCase} runs it and
 * fails the test if any step failed).
 *
 * <p>The session the script schedules starts at the current quarter hour under the production
 * rules. When now is not working time in Zibo (night, weekend, holiday), the service clock is moved
 * to the next working morning and keeps running from there: the scheduling rules stay as they are.
 */
final class BrowserScript {

    private static final ZoneId ZIBO = ZoneId.of("Asia/Shanghai");
    private static final LocalTime EARLIEST = LocalTime.of(8, 45);
    private static final LocalTime LATEST = LocalTime.of(16, 15);

    private BrowserScript() {}

    /** Runs {@code e2e/<script>} with screenshots in {@code shots}; returns its output. */
    static String run(
            String script, Path shots, URL base, TestClock clock, WorkingDayCalendar calendar, Map<String, String> env)
            throws Exception {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZIBO);
        // -De2e.shiftClock=true takes the off-hours path at any time (to check it still works).
        boolean shifted = !calendar.isWorkingDay(now.toLocalDate())
                || now.toLocalTime().isBefore(EARLIEST)
                || now.toLocalTime().isAfter(LATEST)
                || Boolean.getBoolean("e2e.shiftClock");
        if (shifted) {
            ZonedDateTime morning = now.toLocalDate().plusDays(1).atTime(10, 5).atZone(ZIBO);
            while (!calendar.isWorkingDay(morning.toLocalDate())) {
                morning = morning.plusDays(1);
            }
            clock.runFrom(morning.toInstant());
            now = morning;
        }
        // The current quarter hour: a one-hour session that has just begun, so everyone may join.
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS).plusMinutes(now.getMinute() / 15 * 15L);

        Map<String, String> all = new HashMap<>(env);
        all.put("SESSION_DATE", start.toLocalDate().toString());
        all.put("SESSION_TIME", start.toLocalTime().toString());
        all.put("SESSION_START", start.toInstant().toString());
        if (shifted) {
            all.put("CLOCK_SHIFTED", "true");
        }
        return BrowserCase.run(script, base, shots, all);
    }
}
