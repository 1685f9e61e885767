package org.liandong.room;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.client.RawUpgrade;
import org.liandong.client.SignalingClient;
import org.liandong.common.ProblemException;
import org.liandong.session.AttendanceService;
import org.liandong.session.AttendanceView;
import org.liandong.session.LeaveReason;
import org.liandong.session.SessionRole;
import org.liandong.session.SessionService;

/**
 * The room counts only who is really there (issue 11) and remembers removals (issue 16): ghost
 * seats from sockets reset right after the 101, sessions that end at their end plus grace,
 * attendance that a crash or a shutdown left open, and removals that survive an emptied room.
 * Short intervals (see {@link Quick}) so that the background rules act within the test.
 */
@QuarkusTest
@TestProfile(RoomPresenceTest.Quick.class)
class RoomPresenceTest extends RoomSocketTestBase {

    public static class Quick implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "liandong.room.reconnect-burst",
                    "10000",
                    "liandong.sessions.end-grace",
                    "PT30S",
                    "liandong.room.end-check",
                    "PT1S",
                    "liandong.sessions.attendance-seen-every",
                    "PT1S",
                    "liandong.sessions.attendance-stale-after",
                    "PT3S");
        }
    }

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RoomRegistry registry;

    @Inject
    AttendanceService attendance;

    @Inject
    SessionService sessions;

    @Inject
    Clock clock;

    List<AttendanceView> rows(long session, String username) {
        return attendance.listAttendance(session).stream()
                .filter(r -> r.username().equals(username))
                .toList();
    }

    boolean quorumMet(long session) {
        RoomRegistry.LiveRoom room = registry.existing(session);
        synchronized (room) {
            return room.state.quorum().met();
        }
    }

    /** Issue 11: "reset the TCP connection right after the 101; it hit on the 8th try". */
    @Test
    void aSocketResetRightAfterThe101NeverLeavesAPresentSeat() throws Exception {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        String token = fixture.token(s, "city.nr");
        for (int i = 0; i < 60; i++) {
            RawUpgrade raw = RawUpgrade.connect(base);
            if (i % 3 == 0) {
                raw.send("GET /rooms/" + s + "?token=" + token
                        + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            } else {
                assertTrue(raw.upgrade(base, s, token).contains(" 101 "));
            }
            raw.reset();
        }
        await().atMost(WAIT)
                .until(() -> !quorumMet(s) && rows(s, "city.nr").stream().allMatch(r -> r.leftAt() != null));
        chair.forget();
        chair.send("start");
        assertEquals("quorum-not-met", chair.await("error").get("code").asText());
        assertEquals("SCHEDULED", fixture.status(s));
        // A real connection still counts.
        join(s, "city.nr");
        await().atMost(WAIT).until(() -> quorumMet(s));
    }

    @Test
    void aSessionEndsAtItsEndPlusGraceClosingSeatsRefusingJoinsAndStart() {
        Instant now = clock.instant();
        long s =
                fixture.session(now.minus(Duration.ofMinutes(1)), Duration.ofMinutes(1)); // ends now; closes 30 s later
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = join(s, "city.nr");
        chair.send("start");
        chair.await("phase", m -> m.get("phase").asText().equals("IN_PROGRESS"), WAIT);
        String chairToken = fixture.token(s, "chair");

        assertEquals(RoomRegistry.CLOSE_ENDED, chair.awaitClosed(WAIT));
        assertEquals(RoomRegistry.CLOSE_ENDED, nr.awaitClosed(WAIT));
        chair.await("phase", m -> m.get("phase").asText().equals("ENDED"), WAIT);
        await().atMost(WAIT).until(() -> fixture.status(s).equals("CONCLUDED"));
        await().atMost(WAIT)
                .until(() -> attendance.listAttendance(s).stream()
                        .allMatch(r -> r.leaveReason() == LeaveReason.SESSION_ENDED));
        assertEquals(401, SignalingClient.refusalStatus(base, s, chairToken, null), "no joins after the end");

        // A session never started is over at the same moment: the room refuses joins and start.
        long idle = fixture.session(now.minus(Duration.ofMinutes(2)), Duration.ofMinutes(1));
        String idleToken = fixture.token(idle, "chair");
        await().atMost(WAIT).until(() -> SignalingClient.refusalStatus(base, idle, idleToken, null) == 401);
        ProblemException refused = org.junit.jupiter.api.Assertions.assertThrows(
                ProblemException.class, () -> sessions.start(idle, "chair", List.of()));
        assertEquals(409, refused.status());
    }

    @Test
    void attendanceACrashLeftOpenIsClosedAtItsLastSeenTimeAndLiveSeatsStayOpen() {
        long s = fixture.session();
        Instant crashed = clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long drc = fixture.personId("city.drc");
        attendance.recordJoin(s, drc, SessionRole.OBSERVER, null, crashed); // an entry whose node died an hour ago
        SignalingClient chair = join(s, "chair");
        await().atMost(WAIT).until(() -> rows(s, "city.drc").get(0).leftAt() != null);
        AttendanceView closed = rows(s, "city.drc").get(0);
        assertEquals(crashed, closed.leftAt(), "closed at the last moment it was known, not now");
        assertEquals(LeaveReason.DROPPED, closed.leaveReason());
        assertEquals(0, closed.presentSeconds());
        // The chair's seat is refreshed every second, so it is never taken for abandoned.
        await().pollDelay(Duration.ofSeconds(5)).atMost(WAIT).until(() -> true);
        assertNull(rows(s, "chair").get(0).leftAt());
        assertFalse(chair.isClosed());
    }

    @Test
    void aGracefulShutdownClosesEveryonesAttendanceAndSaysGoingAway() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = join(s, "city.nr");
        registry.onShutdown(null);
        assertEquals(RoomRegistry.CLOSE_GOING_AWAY, chair.awaitClosed(WAIT));
        assertEquals(RoomRegistry.CLOSE_GOING_AWAY, nr.awaitClosed(WAIT));
        await().atMost(WAIT)
                .until(() ->
                        attendance.listAttendance(s).stream().allMatch(r -> r.leaveReason() == LeaveReason.DROPPED));
    }

    /** Issue 16: "everyone leaves, and two seconds later the removed person rejoins". */
    @Test
    void aRemovalOutlivesTheRoomAndARemovedApplicantOnlyReachesTheLobby() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = join(s, "city.nr");
        SignalingClient applicant = join(s, "applicant");
        chair.send("admit", "peer", RoomSocketTest.you(applicant));
        applicant.await("admitted");
        chair.send("remove", "peer", RoomSocketTest.you(nr));
        chair.send("remove", "peer", RoomSocketTest.you(applicant));
        assertEquals(RoomRegistry.CLOSE_REMOVED, nr.awaitClosed(WAIT));
        assertEquals(RoomRegistry.CLOSE_REMOVED, applicant.awaitClosed(WAIT));
        chair.send("leave");
        chair.close();
        await().atMost(WAIT).until(() -> registry.existing(s) == null);

        assertEquals(403, SignalingClient.refusalStatus(base, s, fixture.token(s, "city.nr"), null));
        SignalingClient back = join(s, "applicant");
        assertTrue(back.await("welcome").get("lobby").asBoolean(), "a removed applicant waits in the lobby");
        SignalingClient chairAgain = join(s, "chair");
        assertFalse(quorumMet(s), "the removed official does not count");
        assertEquals(1, chairAgain.await("welcome").at("/room/lobby").size());
    }
}
