package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liandong.support.Requires;

/**
 * The room page in Chromium (e2e/room.mjs): fake cameras exchange video through the mesh, the
 * quorum banner gates the start, the lobby admits, chat arrives. Screenshots in target/e2e-room/.
 */
@QuarkusTest
class RoomBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    RoomFixture fixture;

    @Test
    void theRoomPageWorksInRealBrowsers() throws Exception {
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        Requires.component(
                "playwright-core",
                Files.isDirectory(Path.of("e2e/node_modules/playwright-core")),
                "run 'npm ci' in e2e/");
        long s = fixture.session();
        Path log = Path.of("target/e2e-room/room.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/room.mjs")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", base.toString().replaceAll("/$", ""));
        pb.environment().put("SCREENSHOT_DIR", "target/e2e-room");
        pb.environment().put("SESSION", Long.toString(s));
        pb.environment().put("TOKEN_NR", fixture.token(s, "city.nr"));
        pb.environment().put("TOKEN_APPLICANT", fixture.token(s, "applicant"));
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, "the room browser case timed out");
        assertTrue(output.contains("E2E-RESULTS"), "the room browser case did not report its steps");
        assertEquals(0, p.exitValue(), "a room browser step failed; see target/e2e-room/ and the output above");
        assertEquals("IN_PROGRESS", fixture.status(s));
    }
}
