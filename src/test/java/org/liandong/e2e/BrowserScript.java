package org.liandong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.liandong.project.WorkingDayCalendar;
import org.liandong.support.Requires;
import org.liandong.support.TestClock;

/**
 * Runs one browser script of e2e/ (playwright-core driving Debian's Chromium) against the test
 * instance and fails the test if any step failed. Screenshots land in the script's own folder.
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
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        Requires.component("node", onPath("node"), "install Node.js 18+");
        Requires.component(
                "playwright-core",
                Files.isDirectory(Path.of("e2e/node_modules/playwright-core")),
                "run 'npm ci' in e2e/");
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

        Files.createDirectories(shots);
        try (var old = Files.list(shots)) { // only this run's screenshots in the folder
            for (Path f : old.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Path log = shots.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/" + script)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", base.toString().replaceAll("/$", ""));
        pb.environment().put("SCREENSHOT_DIR", shots.toString());
        pb.environment().put("SESSION_DATE", start.toLocalDate().toString());
        pb.environment().put("SESSION_TIME", start.toLocalTime().toString());
        pb.environment().put("SESSION_START", start.toInstant().toString());
        if (shifted) {
            pb.environment().put("CLOCK_SHIFTED", "true");
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        // 15 minutes by default: the materials case took over 10 on a 2-core machine at load average 20.
        boolean done = p.waitFor(Long.getLong("e2e.timeoutMinutes", 15), TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, script + " timed out");
        assertTrue(output.contains("E2E-RESULTS"), script + " did not report its steps");
        assertEquals(0, p.exitValue(), "a browser step failed; see " + shots + " and the output above");
        return output;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
