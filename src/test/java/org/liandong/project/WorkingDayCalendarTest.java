package org.liandong.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Working-day arithmetic on the shipped 2026 mainland China calendar. */
class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendar(new WorkingDayCalendar.CalendarConfig() {
        @Override
        public Optional<Path> dir() {
            return Optional.empty();
        }

        @Override
        public String region() {
            return "cn";
        }
    });

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void springFestival2026WithItsMakeUpSaturdays() {
        assertTrue(calendar.isWorkingDay(d("2026-02-14")), "Saturday 14 Feb is a make-up working day");
        assertFalse(calendar.isWorkingDay(d("2026-02-16")), "Monday 16 Feb is a holiday");
        assertFalse(calendar.isWorkingDay(d("2026-02-23")), "Monday 23 Feb is the last holiday");
        assertTrue(calendar.isWorkingDay(d("2026-02-28")), "Saturday 28 Feb is a make-up working day");
        assertEquals(d("2026-02-14"), calendar.plusWorkingDays(d("2026-02-13"), 1));
        assertEquals(d("2026-02-24"), calendar.plusWorkingDays(d("2026-02-13"), 2));
        // 13 (Fri), 14 (Sat, make-up), 24–27, 28 (Sat, make-up)
        assertEquals(7, calendar.workingDaysBetween(d("2026-02-12"), d("2026-02-28")));
        // Twenty working days from acceptance on Thursday 5 February 2026.
        assertEquals(d("2026-03-11"), calendar.plusWorkingDays(d("2026-02-05"), 20));
    }

    @Test
    void nationalDay2026WithItsMakeUpDays() {
        assertTrue(calendar.isWorkingDay(d("2026-09-20")), "Sunday 20 Sep is a make-up working day");
        assertFalse(calendar.isWorkingDay(d("2026-09-25")), "Mid-Autumn Festival");
        assertFalse(calendar.isWorkingDay(d("2026-10-07")));
        assertTrue(calendar.isWorkingDay(d("2026-10-10")), "Saturday 10 Oct is a make-up working day");
        assertEquals(d("2026-09-20"), calendar.plusWorkingDays(d("2026-09-18"), 1));
        assertEquals(d("2026-10-08"), calendar.plusWorkingDays(d("2026-09-30"), 1));
        assertEquals(d("2026-10-10"), calendar.plusWorkingDays(d("2026-09-30"), 3));
        // 28, 29, 30 Sep; 8, 9, 10 (Sat, make-up), 12 Oct
        assertEquals(7, calendar.workingDaysBetween(d("2026-09-27"), d("2026-10-12")));
    }

    @Test
    void aYearWithoutAFileCountsWeekdays() {
        assertTrue(calendar.isWorkingDay(d("2031-01-01")), "no 2031 file: a Wednesday is a working day");
        assertFalse(calendar.isWorkingDay(d("2031-01-04")));
        assertEquals(5, calendar.workingDaysBetween(d("2031-01-05"), d("2031-01-12")));
    }

    @Test
    void the2027FileHasTheStatutoryDays() {
        assertFalse(calendar.isWorkingDay(d("2027-02-05")), "Spring Festival's eve, a Friday");
        assertFalse(calendar.isWorkingDay(d("2027-10-01")));
        assertTrue(calendar.isWorkingDay(d("2027-02-09")), "first weekday after the statutory days");
    }
}
