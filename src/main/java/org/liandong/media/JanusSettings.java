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
public record JanusSettings(
        String apiSecret, String adminKey, Duration keepalive, Duration requestTimeout, Duration reconnectWindow) {

    /** The settings configured under {@code liandong.media.janus} (defaults written there, once). */
    public static JanusSettings of(MediaConfig.Janus janus) {
        return new JanusSettings(
                janus.apiSecret(),
                janus.adminKey(),
                janus.keepalive(),
                janus.requestTimeout(),
                janus.reconnectWindow());
    }

    /** The same settings with another reconnect window (tests that kill a host want it short). */
    public JanusSettings withReconnectWindow(Duration window) {
        return new JanusSettings(apiSecret, adminKey, keepalive, requestTimeout, window);
    }
}
