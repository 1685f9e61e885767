package org.liandong.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Which media backend rooms use, and how the service reaches Janus in {@code sfu} mode. */
@ConfigMapping(prefix = "liandong.media")
public interface MediaConfig {

    enum Mode {
        /** Browsers connect to each other; embedded, no external process; fine for small rooms. */
        MESH,
        /** Every participant sends one stream to Janus VideoRoom and receives the others from it. */
        SFU
    }

    /** {@code mesh} (default) or {@code sfu}; chosen per deployment. */
    @WithDefault("mesh")
    Mode mode();

    Janus janus();

    /** How long recordings are kept before they are deleted (file and listing). */
    @WithDefault("P1095D")
    Duration recordingRetention();

    /**
     * Where Janus writes raw recordings ({@code rec_dir}) and the service post-processes them: the
     * same path on the Janus hosts and the service (one machine, or a shared volume).
     */
    @WithDefault("${liandong.data-dir}/recordings")
    Path recordingDir();

    interface Janus {
        /** WebSocket API of each Janus host ({@code ws://host:8188}); new rooms go to the least loaded. */
        @WithDefault("ws://127.0.0.1:8188")
        List<URI> hosts();

        /** Janus' {@code api_secret} (deploy/janus/janus.jcfg). */
        @WithDefault("liandong-local-janus")
        String apiSecret();

        /** The VideoRoom plugin's {@code admin_key}, needed to create rooms. */
        @WithDefault("liandong-local-admin")
        String adminKey();

        /** Keepalive period; Janus drops sessions after 60 s of silence. */
        @WithDefault("PT25S")
        Duration keepalive();

        /** How long one Janus request may take. */
        @WithDefault("PT10S")
        Duration requestTimeout();

        /** How long a dropped connection is retried before the host counts as dead and its rooms move. */
        @WithDefault("PT5S")
        Duration reconnectWindow();

        /** When a dead host is tried again for new rooms. */
        @WithDefault("PT1M")
        Duration retryDeadHostAfter();
    }
}
