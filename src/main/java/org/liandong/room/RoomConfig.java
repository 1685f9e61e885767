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

    /**
     * How often every node looks for sessions past their end plus grace (to conclude them and close
     * their rooms) and for attendance a crashed node left open.
     */
    @WithDefault("PT30S")
    Duration endCheck();

    /** Message size limits per message type; see {@link Limits}. */
    Limits limits();

    /**
     * Largest message per type, in characters of the JSON text, derived from what real clients send
     * in the largest room Liandong supports in sfu mode (25 participants: a subscriber answer carries
     * 24 feeds). Measured with Debian's Chromium (src/test/resources/sdp/, bench/RESULTS.md
     * "Signaling message sizes"). A message over its type's limit gets {@code too-large}; one over
     * the largest of them closes the socket with 1009. {@code quarkus.websockets-next.server.max-message-size}
     * (bytes) must stay above the largest limit times the UTF-8 width of its text.
     */
    interface Limits {

        /** {@code offer}/{@code answer}: twice the largest answer Chromium wrote for 24 feeds, rounded up. */
        @WithDefault("98304")
        int sdpChars();

        /** {@code candidate}: one ICE candidate line (RFC 8839) with its mid and index, with room to spare. */
        @WithDefault("2048")
        int candidateChars();

        /** Every other message: chat ({@value org.liandong.room.protocol.Command#MAX_CHAT} characters, even with each one JSON-escaped as six) and chair actions. */
        @WithDefault("16384")
        int otherChars();

        /** The limit for a message of this type ({@code offer}, {@code answer}, {@code candidate}; anything else is other). */
        default int forType(String type) {
            if ("offer".equals(type) || "answer".equals(type)) {
                return sdpChars();
            }
            return "candidate".equals(type) ? candidateChars() : otherChars();
        }

        /** The socket's own limit: the largest message of any type. */
        default int frameChars() {
            return Math.max(sdpChars(), Math.max(candidateChars(), otherChars()));
        }
    }

    /**
     * Sustained messages per second one person may send in one session, across all their
     * connections and reconnects (the bucket is kept per person, not per socket).
     */
    @WithDefault("50")
    int ratePerSecond();

    /** Burst above the sustained rate. */
    @WithDefault("100")
    int rateBurst();

    /** Refused (rate-limited) messages after which the connection is closed. */
    @WithDefault("50")
    int rateStrikes();

    /**
     * Room socket upgrades one person may open per minute for one session, sustained: a client in a
     * reconnect loop is refused with 429 and {@code Retry-After} until it slows down.
     */
    @WithDefault("30")
    int reconnectsPerMinute();

    /** Upgrades allowed at once above the sustained reconnect rate. */
    @WithDefault("10")
    int reconnectBurst();

    /**
     * Origins (scheme://host[:port]) allowed to open a room socket, besides the service's own.
     * Browsers always send Origin; non-browser clients (no Origin header) are let through, since
     * cross-site hijacking needs a browser.
     */
    Optional<List<String>> allowedOrigins();
}
