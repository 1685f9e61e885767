package org.liandong.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.liandong.support.Requires;
import org.liandong.support.TestClock;

/**
 * The materials case in real browsers (e2e/materials.mjs): the applicant uploads a 20 MB PDF with a
 * visible progress bar and an image; the coordinator asks for one correction (one notice), then
 * accepts version 2; in the room the chair opens the site plan at page 3 and three other browsers
 * show page 3, a late joiner lands on page 3; an official cites page 3 in a supplement item and the
 * notice PDF prints the reference (pdftotext). Screenshots in target/e2e-materials/; the page-sync
 * latency over four browsers is printed as PAGE-SYNC (6 page turns; {@code -De2e.turns=20} for the
 * figure in bench/RESULTS.md).
 */
@Tag("browser")
@QuarkusTest
class MaterialsBrowserTest {

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
    void materialsFromUploadToThePageCitedInTheNotice() throws Exception {
        Requires.executable("pdftotext", "/usr/bin/pdftotext", "apt-get install poppler-utils");
        String out = BrowserScript.run(
                "materials.mjs",
                Path.of("target/e2e-materials"),
                base,
                clock,
                calendar,
                Map.of("TURNS", System.getProperty("e2e.turns", "6")));
        assertTrue(out.contains("PAGE-SYNC"), "the page-sync figure is reported");
    }
}
