package org.liandong.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liandong.support.Requires;

/**
 * e2e/decisions.mjs in Debian's Chromium: opinion form, signing, the chair's panel, the decision
 * page, the applicant's inbox and rating, and the public verification page. Screenshots land in
 * target/e2e-decisions/.
 */
@QuarkusTest
class DecisionBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionFixture fixture;

    @Test
    void opinionToVerifiedDecisionInTheBrowser() throws Exception {
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        Requires.component(
                "playwright-core",
                Files.isDirectory(Path.of("e2e/node_modules/playwright-core")),
                "run 'npm ci' in e2e/");
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        Path log = Path.of("target/e2e-decisions/decisions.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/decisions.mjs")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", base.toString().replaceAll("/$", ""));
        pb.environment().put("SCREENSHOT_DIR", "target/e2e-decisions");
        pb.environment().put("SESSION_ID", Long.toString(s.sessionId()));
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, "browser case timed out");
        assertTrue(output.contains("E2E-RESULTS"), "the script did not report its steps");
        assertEquals(0, p.exitValue(), "a browser step failed; see target/e2e-decisions/ and the output above");
    }
}
