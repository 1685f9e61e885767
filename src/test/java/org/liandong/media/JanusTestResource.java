package org.liandong.media;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points the service at the test run's Janus (started on first use) before Quarkus boots, and
 * switches it to {@code sfu} mode.
 * Without Janus it leaves the default configuration; the test's own guard then skips or fails.
 */
public class JanusTestResource implements QuarkusTestResourceLifecycleManager {
    /** The running Janus, for tests that kill and restart it. */
    static volatile LocalMedia.Running janus;

    @Override
    public Map<String, String> start() {
        if (!Files.isExecutable(Path.of("/usr/bin/janus"))) {
            return Map.of();
        }
        try {
            janus = LocalMedia.janus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "liandong.media.mode",
                "sfu",
                "liandong.media.janus.hosts",
                LocalMedia.janusUri(janus).toString(),
                "liandong.media.recording-dir",
                janus.dir().resolve("recordings").toString());
    }

    @Override
    public void stop() {
        // The run's shared Janus stops when the run ends (LocalMedia.janus()).
    }
}
