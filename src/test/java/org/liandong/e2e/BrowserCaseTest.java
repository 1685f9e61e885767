package org.liandong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liandong.support.Requires;

/**
 * Plays a whole case in real browsers: e2e/case.mjs drives Debian's Chromium (fake camera and
 * microphone) with playwright-core against this test instance. Screenshots of every step land in
 * target/e2e/; the script exits non-zero if any step fails.
 */
@QuarkusTest
class BrowserCaseTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void wholeCaseInTheBrowser() throws Exception {
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        Requires.component("node", onPath("node"), "install Node.js 18+");
        Requires.component("playwright-core", Files.isDirectory(Path.of("e2e/node_modules/playwright-core")),
                "run 'npm ci' in e2e/");
        Path log = Path.of("target/e2e/case.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/case.mjs").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", base.toString().replaceAll("/$", ""));
        pb.environment().put("SCREENSHOT_DIR", "target/e2e");
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, "browser case timed out");
        assertTrue(output.contains("E2E-RESULTS"), "the browser case did not report its steps");
        assertEquals(0, p.exitValue(), "a browser step failed; see target/e2e/ and the output above");
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
