package org.liandong.e2e;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.project.WorkingDayCalendar;
import org.liandong.support.TestClock;

/**
 * Plays a whole case in real browsers: e2e/case.mjs drives Debian's Chromium (fake camera and
 * microphone) with playwright-core against this test instance, four participants in one room.
 * Screenshots of every step land in target/e2e/; the script exits non-zero if any step fails.
 */
@Tag("browser")
@QuarkusTest
class BrowserCaseTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Inject
    WorkingDayCalendar calendar;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void wholeCaseInTheBrowser() throws Exception {
        BrowserScript.run("case.mjs", Path.of("target/e2e"), base, clock, calendar, Map.of());
    }
}
