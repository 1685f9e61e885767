package org.liandong.project;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Statutory working days: Monday to Friday, minus public holidays, plus make-up working days
 * (调休), read from one file per year ({@code calendar/cn-YYYY.txt} on the class path, or the same
 * name in {@code liandong.calendar.dir}, which wins). A year without a file counts plain weekdays
 * and says so in the log once.
 */
@ApplicationScoped
public class WorkingDayCalendar {

    @ConfigMapping(prefix = "liandong.calendar")
    public interface CalendarConfig {
        /** Directory with cn-YYYY.txt files that override or extend the shipped ones (e.g. a new year). */
        Optional<Path> dir();

        /** File name prefix: the calendar's region. */
        @WithDefault("cn")
        String region();
    }

    private static final Logger LOG = Logger.getLogger(WorkingDayCalendar.class);

    private final CalendarConfig config;
    /** Per year: date → true for a make-up working day, false for a holiday. */
    private final Map<Integer, Map<LocalDate, Boolean>> years = new ConcurrentHashMap<>();

    WorkingDayCalendar(CalendarConfig config) {
        this.config = config;
    }

    public boolean isWorkingDay(LocalDate d) {
        Boolean special = year(d.getYear()).get(d);
        if (special != null) {
            return special;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The {@code n}th working day after {@code from} (not counting {@code from} itself); n ≥ 1. */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
        LocalDate d = from;
        for (int left = n; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Working days in (from, to]: after {@code from}, up to and including {@code to}; 0 if to ≤ from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    private Map<LocalDate, Boolean> year(int year) {
        return years.computeIfAbsent(year, this::load);
    }

    private Map<LocalDate, Boolean> load(int year) {
        String name = config.region() + "-" + year + ".txt";
        try {
            Optional<Path> external = config.dir().map(d -> d.resolve(name)).filter(Files::isRegularFile);
            if (external.isPresent()) {
                try (InputStream in = Files.newInputStream(external.get())) {
                    return parse(in, name);
                }
            }
            try (InputStream in =
                    Thread.currentThread().getContextClassLoader().getResourceAsStream("calendar/" + name)) {
                if (in == null) {
                    LOG.warnf("No holiday calendar %s: counting Monday to Friday as working days in %d", name, year);
                    return Map.of();
                }
                return parse(in, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday calendar " + name, e);
        }
    }

    static Map<LocalDate, Boolean> parse(InputStream in, String name) throws IOException {
        Map<LocalDate, Boolean> days = new ConcurrentHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 3);
            if (f.length < 2 || !(f[1].equals("holiday") || f[1].equals("workday"))) {
                throw new IllegalStateException(name + ":" + lineNo + ": expected '<date> holiday|workday <name>'");
            }
            days.put(LocalDate.parse(f[0]), f[1].equals("workday"));
        }
        return Map.copyOf(days);
    }
}
