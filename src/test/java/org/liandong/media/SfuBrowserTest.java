package org.liandong.media;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.room.RoomFixture;
import org.liandong.support.BrowserCase;
import org.liandong.support.Requires;

/**
 * The room page in {@code sfu} mode in Chromium (e2e/sfu.mjs): three browsers publish fake cameras
 * to Janus through the service and every remote tile plays live video; the recording badge shows;
 * after Janus is killed and restarted the pages publish again and every tile plays again.
 * Screenshots in target/e2e-sfu/.
 */
@Tag("browser")
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
        long s = fixture.session();
        Path restarted = Path.of("target/e2e-sfu/janus-restarted");
        Files.deleteIfExists(restarted);
        // The script asks for a Janus crash mid-session (SFU-KILL-JANUS) and waits for the restart.
        BrowserCase.run(
                "sfu.mjs",
                base,
                Path.of("target/e2e-sfu"),
                Map.of(
                        "SESSION", Long.toString(s),
                        "TOKEN_NR", fixture.token(s, "city.nr"),
                        "TOKEN_DRC", fixture.token(s, "city.drc")),
                output -> {
                    if (output.contains("SFU-KILL-JANUS") && !Files.exists(restarted)) {
                        JanusTestResource.janus.kill();
                        JanusTestResource.janus.restart();
                        Files.writeString(restarted, "restarted");
                    }
                });
    }
}
