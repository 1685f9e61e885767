package org.liandong.media;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;

/**
 * {@link MediaConfig} outside Quarkus, built from the mapping itself, so that tests use the
 * documented defaults instead of copies of them.
 */
final class TestMediaConfig {
    private TestMediaConfig() {}

    /** {@code sfu} mode on one Janus host, recordings under {@code recordings}, every other default as documented. */
    static MediaConfig sfu(URI janus, Path recordings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(MediaConfig.class)
                .withDefaultValue("liandong.data-dir", "target/data")
                .withDefaultValue("liandong.media.mode", "sfu")
                .withDefaultValue("liandong.media.janus.hosts", janus.toString())
                .withDefaultValue("liandong.media.recording-dir", recordings.toString())
                .build();
        return config.getConfigMapping(MediaConfig.class);
    }

    /** The documented Janus settings (matching deploy/janus/run-local.sh). */
    static JanusSettings janus() {
        return JanusSettings.of(sfu(URI.create("ws://127.0.0.1:8188"), Path.of("target", "recordings"))
                .janus());
    }
}
