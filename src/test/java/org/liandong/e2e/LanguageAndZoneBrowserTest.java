package org.liandong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;
import org.liandong.support.NodeScript;
import org.liandong.support.Requires;

/**
 * What a person reads is in their language and the service's time zone: e2e/i18n.mjs opens every
 * view of the coordinator, the applicant and the chair in zh-CN and English, from a browser in
 * Europe/Berlin, and fails on an untranslated key, a raw event code or a raw ISO instant. The
 * project it shows has the timeline of issue 16 (registered, submitted, pre-review, materials,
 * accepted, a session scheduled with its time).
 */
@Tag("browser")
@QuarkusTest
class LanguageAndZoneBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fx;

    @Test
    void everyViewInBothLanguagesHasNoUntranslatedKeyOrRawInstant() throws Exception {
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        NodeScript.require("playwright-core");
        long project = fx.acceptedProject(false);
        long session = fx.schedule(fx.sessionRequest(project, at(fx.freeDay(), 9, 30)));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("startsAt", at(fx.freeDay(), 14, 0).toString(), "durationMinutes", 60, "reason", "改到下午"))
                .post("/api/sessions/" + session + "/reschedule")
                .then()
                .statusCode(200);

        NodeScript.Result r = NodeScript.run(
                "e2e/i18n.mjs",
                List.of(),
                Map.of(
                        "BASE_URL",
                        base.toString().replaceAll("/$", ""),
                        "PROJECT_ID",
                        Long.toString(project),
                        "SCREENSHOT_DIR",
                        "target/e2e-i18n"),
                Path.of("target/e2e-i18n/i18n.log"),
                Duration.ofMinutes(5));
        assertTrue(r.output().contains("I18N-RESULTS"), "the language check did not report (exit " + r.exit() + ")");
        assertEquals(0, r.exit(), "untranslated text or raw instants; see the output above");
        assertTrue(r.output().contains("\"views\":26"), "every view was checked");
    }
}
