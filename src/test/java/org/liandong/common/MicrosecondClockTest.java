package org.liandong.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The production clock, which every {@code @QuarkusTest} replaces with {@code TestClock}: before this
 * test only the packaged app ran it, and its {@code millis()} threw (CrashDurabilityIT's join got a
 * 500 from {@code SessionAdmissions}).
 */
class MicrosecondClockTest {

    private final Clock clock = new TimeConfig.ClockProducer().clock();

    @Test
    void everyMethodOfTheProducedClockAnswers() {
        long before = System.currentTimeMillis();
        long millis = clock.millis();
        Instant instant = clock.instant();
        long after = System.currentTimeMillis();

        assertTrue(before <= millis && millis <= after, "millis() is the wall clock's");
        assertTrue(before <= instant.toEpochMilli() && instant.toEpochMilli() <= after);
        assertEquals(0, instant.getNano() % 1_000, "instant() is whole microseconds, as the databases store");
        assertEquals(ZoneOffset.UTC, clock.getZone());
        // The bulletin's "is the month over" and "first working day" read local dates through withZone.
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        Clock local = clock.withZone(shanghai);
        assertEquals(shanghai, local.getZone());
        assertEquals(java.time.LocalDate.ofInstant(local.instant(), shanghai), java.time.LocalDate.now(local));
    }
}
