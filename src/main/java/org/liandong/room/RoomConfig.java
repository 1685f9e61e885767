package org.liandong.room;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The live review room (WebSocket /rooms/{sessionId}). */
@ConfigMapping(prefix = "liandong.room")
public interface RoomConfig {

    /** Video publishers per room; beyond it, participants join audio-only until given the floor. */
    @WithDefault("6")
    int publisherCap();

    /** How long a dropped participant's seat, role and chair are held for a reconnect. */
    @WithDefault("PT30S")
    Duration grace();

    /** Largest accepted message in characters; larger ones get {@code too-large}. */
    @WithDefault("16384")
    int maxMessageChars();

    /** Sustained messages per second one connection may send. */
    @WithDefault("50")
    int ratePerSecond();

    /** Burst above the sustained rate. */
    @WithDefault("100")
    int rateBurst();

    /** Refused (rate-limited) messages after which the connection is closed. */
    @WithDefault("50")
    int rateStrikes();

    /**
     * Origins (scheme://host[:port]) allowed to open a room socket, besides the service's own.
     * Browsers always send Origin; non-browser clients (no Origin header) are let through, since
     * cross-site hijacking needs a browser.
     */
    Optional<List<String>> allowedOrigins();
}
