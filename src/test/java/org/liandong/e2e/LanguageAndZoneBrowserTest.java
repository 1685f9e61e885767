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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;
import org.liandong.support.Requires;

/**
 * What a person reads is in their language and the service's time zone: e2e/i18n.mjs opens every
 * view of the coordinator, the applicant and the chair in zh-CN and English, from a browser in
 * Europe/Berlin, and fails on an untranslated key, a raw event code or a raw ISO instant. The
 * project it shows has the timeline of issue 16 (registered, submitted, pre-review, materials,
 * accepted, a session scheduled with its time).
 */
@QuarkusTest
class LanguageAndZoneBrowserTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    Fixtures fx;

    @Test
    void everyViewInBothLanguagesHasNoUntranslatedKeyOrRawInstant() throws Exception {
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        Requires.component("node", onPath(), "install Node.js 18+");
        Requires.component("playwright-core", Files.isDirectory(Path.of("e2e/node_modules/playwright-core")), "run 'npm ci' in e2e/");
        long project = fx.acceptedProject(false);
        long session = fx.schedule(fx.sessionRequest(project, at(fx.freeDay(), 9, 30)));
        as("coordinator").contentType(ContentType.JSON).body(Map.of("startsAt", at(fx.freeDay(), 14, 0).toString(),
                "durationMinutes", 60, "reason", "改到下午")).post("/api/sessions/" + session + "/reschedule").then().statusCode(200);

        Path log = Path.of("target/e2e-i18n/i18n.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/i18n.mjs").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", base.toString().replaceAll("/$", ""));
        pb.environment().put("PROJECT_ID", Long.toString(project));
        pb.environment().put("SCREENSHOT_DIR", "target/e2e-i18n");
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, "the language check timed out");
        assertTrue(output.contains("I18N-RESULTS"), "the language check did not report");
        assertEquals(0, p.exitValue(), "untranslated text or raw instants; see the output above");
        assertTrue(List.of(output.split("\n")).stream().anyMatch(l -> l.contains("\"views\":26")), output);
    }

    private static boolean onPath() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
