package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liandong.room.RoomFixture;
import org.liandong.support.Requires;

/**
 * The room page in {@code sfu} mode in Chromium (e2e/sfu.mjs): three browsers publish fake cameras
 * to Janus through the service and every remote tile plays live video; the recording badge shows;
 * after Janus is killed and restarted the pages publish again and every tile plays again.
 * Screenshots in target/e2e-sfu/.
 */
@QuarkusTest
@QuarkusTestResource(value = JanusTestResource.class, restrictToAnnotatedClass = true)
class SfuBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    RoomFixture fixture;

    @Test
    void threeBrowsersSeeEachOtherThroughJanus() throws Exception {
        Requires.executable("Janus", "/usr/bin/janus", "apt-get install -y janus janus-tools (or .ci/run)");
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        Requires.component(
                "playwright-core",
                Files.isDirectory(Path.of("e2e/node_modules/playwright-core")),
                "run 'npm ci' in e2e/");
        long s = fixture.session();
        Path log = Path.of("target/e2e-sfu/sfu.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/sfu.mjs")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", base.toString().replaceAll("/$", ""));
        pb.environment().put("SCREENSHOT_DIR", "target/e2e-sfu");
        pb.environment().put("SESSION", Long.toString(s));
        pb.environment().put("TOKEN_NR", fixture.token(s, "city.nr"));
        pb.environment().put("TOKEN_DRC", fixture.token(s, "city.drc"));
        Path restarted = Path.of("target/e2e-sfu/janus-restarted");
        Files.deleteIfExists(restarted);
        Process p = pb.start();
        // The script asks for a Janus crash mid-session (SFU-KILL-JANUS) and waits for the restart.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (!Files.exists(restarted)
                    && Files.readString(log, StandardCharsets.UTF_8).contains("SFU-KILL-JANUS")) {
                JanusTestResource.janus.kill();
                JanusTestResource.janus.restart();
                Files.writeString(restarted, "restarted");
            }
            p.waitFor(200, TimeUnit.MILLISECONDS);
        }
        boolean done = !p.isAlive();
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, "the sfu browser case timed out");
        assertTrue(output.contains("E2E-RESULTS"), "the sfu browser case did not report its steps");
        assertEquals(0, p.exitValue(), "an sfu browser step failed; see target/e2e-sfu/ and the output above");
    }
}
