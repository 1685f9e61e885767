package org.liandong.media;

import java.time.Duration;

/**
 * How the service talks to every Janus host.
 *
 * @param apiSecret       Janus' {@code api_secret}, sent with every request
 * @param adminKey        the VideoRoom {@code admin_key}, needed to create rooms
 * @param keepalive       keepalive period; Janus drops a session after 60 s of silence
 * @param requestTimeout  how long one request may wait for its answer
 * @param reconnectWindow how long a dropped connection is retried (re-claiming the same Janus
 *                        session) before the host counts as dead
 */
public record JanusSettings(String apiSecret, String adminKey, Duration keepalive, Duration requestTimeout,
        Duration reconnectWindow) {

    /** Settings matching deploy/janus/run-local.sh's defaults. */
    public static JanusSettings local() {
        return new JanusSettings("liandong-local-janus", "liandong-local-admin", Duration.ofSeconds(25),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
}
