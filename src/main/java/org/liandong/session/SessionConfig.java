package org.liandong.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** Scheduling, join links and attendance. Environment: LIANDONG_SESSIONS_JOIN_TOKEN_SECRET etc. */
@ConfigMapping(prefix = "liandong.sessions")
public interface SessionConfig {

    /** How long before the scheduled start a join link (and the room) admits participants. */
    @WithDefault("PT30M")
    Duration joinLead();

    /**
     * HMAC-SHA256 secret that signs join tokens (at least 32 characters). Unset in the embedded
     * demo: generated once and kept under the data dir, so links survive restarts. Production must
     * set it, to the same value on every node (README "Security").
     */
    Optional<String> joinTokenSecret();

    /** Base URL that join links in invitations point to (what participants' browsers reach). */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /**
     * Where a join link leads, relative to {@code public-url}: {session} and {token} are replaced.
     * The room page reads the token from it.
     */
    @WithDefault("/#/room/{session}?token={token}")
    String joinPath();

    /** Sessions must start no earlier than this, local time (see liandong.time.zone). */
    @WithDefault("08:30")
    LocalTime workdayStart();

    /** Sessions must end no later than this, local time. */
    @WithDefault("17:30")
    LocalTime workdayEnd();

    /**
     * How long a session may run over its scheduled end. At {@code ends-at + end-grace} the room
     * closes for everyone (present seats leave as {@code SESSION_ENDED}, joins and {@code start} are
     * refused) and a session still in progress is concluded by the system. Join links are valid
     * until the same moment, so that a reconnect is never refused while others are still inside.
     */
    @WithDefault("PT30M")
    Duration endGrace();

    /**
     * A dropped connection rejoined within this time continues the same attendance entry. Set to
     * the room's seat grace ({@code liandong.room.grace}) so that seat and attendance agree.
     */
    @WithDefault("PT30S")
    Duration attendanceGrace();

    /** How often the room records that present seats are still there (the time a crash closes them at). */
    @WithDefault("PT15S")
    Duration attendanceSeenEvery();

    /**
     * An open attendance entry not seen for this long belongs to a node that stopped without
     * closing it; it is closed at its last seen time. Keep it a few times {@code attendance-seen-every}.
     */
    @WithDefault("PT1M")
    Duration attendanceStaleAfter();

    /**
     * How long a join may rely on a session's admission snapshot ({@link SessionAdmissions}) before
     * reading it again. Changes made on this node drop it at once; this bounds changes made on
     * another node (a withdrawn invitation, a removal) and directory edits. Zero: read on every join.
     */
    @WithDefault("PT5S")
    Duration admissionCacheTtl();
}
