package org.liandong.session;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liandong.common.ProblemException;
import org.liandong.support.Fixtures;
import org.liandong.support.TestClock;

@QuarkusTest
class JoinTokenAndLifecycleTest {

    @Inject
    Fixtures fx;

    @Inject
    TestClock clock;

    @Inject
    JoinTokenService tokens;

    @Inject
    SessionService sessions;

    @Inject
    AttendanceService attendance;

    @Inject
    WithdrawalLog withdrawals;

    @Inject
    AuditLog auditLog;

    /** Collects the audit events of sessions, as the audit log would receive them. */
    @Singleton
    static class AuditLog {
        final List<org.liandong.common.AuditEvent> seen = new CopyOnWriteArrayList<>();

        void on(@Observes org.liandong.common.AuditEvent e) {
            seen.add(e);
        }

        List<String> actions(String type, long id) {
            return seen.stream()
                    .filter(e -> e.entityType().equals(type) && e.entityId().equals(Long.toString(id)))
                    .map(org.liandong.common.AuditEvent::action)
                    .toList();
        }
    }

    /** Records InvitationWithdrawn events as the room would observe them. */
    @Singleton
    static class WithdrawalLog {
        final List<InvitationWithdrawn> seen = new CopyOnWriteArrayList<>();

        void on(@Observes InvitationWithdrawn e) {
            seen.add(e);
        }
    }

    @BeforeEach
    void pin() {
        clock.set(Fixtures.BASE);
    }

    @AfterEach
    void unpin() {
        clock.reset();
    }

    private static String type(ProblemException e) {
        return e.toProblem(null).type().replace("https://liandong.org/problems/", "");
    }

    @Test
    void aJoinTokenAdmitsItsPersonOnlyInsideTheWindowAndOnlyForItsSession() {
        LocalDate day = fx.freeDay();
        Instant start = at(day, 9, 0);
        long id = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), start));
        long other = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(day, 14, 0)));
        long drc = fx.person("city.drc");
        String token = tokens.issue(id, drc);

        ProblemException early = assertThrows(ProblemException.class, () -> tokens.verify(token, id));
        assertEquals(JoinTokenService.TYPE_NOT_YET_VALID, type(early));

        clock.set(start.minus(Duration.ofMinutes(10)));
        Admission a = tokens.verify(token, id);
        assertEquals(drc, a.personId());
        assertEquals(SessionRole.OFFICIAL, a.role());
        assertEquals("370300-FGW", a.departmentCode());
        // Open until the scheduled end plus the overrun allowed (liandong.sessions.end-grace, 30 min).
        assertEquals(start.plus(Duration.ofMinutes(90 + 30)), a.validUntil());

        ProblemException foreign = assertThrows(ProblemException.class, () -> tokens.verify(token, other));
        assertEquals(JoinTokenService.TYPE_FOREIGN_SESSION, type(foreign));
        assertEquals(403, foreign.status());

        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals(
                JoinTokenService.TYPE_BAD_SIGNATURE,
                type(assertThrows(ProblemException.class, () -> tokens.verify(forged, id))));
        assertEquals(
                JoinTokenService.TYPE_BAD_SIGNATURE,
                type(assertThrows(ProblemException.class, () -> tokens.verify("garbage", id))));

        clock.set(start.plus(Duration.ofMinutes(90 + 30)));
        ProblemException expired = assertThrows(ProblemException.class, () -> tokens.verify(token, id));
        assertEquals(JoinTokenService.TYPE_EXPIRED, type(expired));
        assertEquals(401, expired.status());
    }

    @Test
    void withdrawingAnInvitationRevokesTheTokenAndTellsTheRoom() {
        Instant start = at(fx.freeDay(), 9, 0);
        long id = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), start));
        long housing = fx.person("city.housing");
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("personId", housing, "role", "OFFICIAL"))
                .post("/api/sessions/" + id + "/participants")
                .then()
                .statusCode(200);
        String token = tokens.issue(id, housing);
        as("coordinator")
                .queryParam("reason", "换人 Someone else attends")
                .delete("/api/sessions/" + id + "/participants/" + housing)
                .then()
                .statusCode(200);
        assertTrue(withdrawals.seen.contains(new InvitationWithdrawn(id, housing)));
        clock.set(start);
        assertEquals(
                JoinTokenService.TYPE_INVITATION_WITHDRAWN,
                type(assertThrows(ProblemException.class, () -> tokens.verify(token, id))));
        assertTrue(tokens.admissionFor(id, "city.housing").isEmpty());
        assertTrue(tokens.admissionFor(id, "city.drc").isPresent());

        // Its holder gets a METHOD:CANCEL file.
        assertTrue(as("city.housing")
                .get("/api/sessions/" + id + "/invitation.ics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .contains("METHOD:CANCEL"));

        // Invited again: the withdrawn link stays dead for good (it names the withdrawn invitation);
        // only a link issued for the new invitation enters (issue 16, "revived join link").
        clock.set(Fixtures.BASE);
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("personId", housing, "role", "OFFICIAL"))
                .post("/api/sessions/" + id + "/participants")
                .then()
                .statusCode(200);
        clock.set(start);
        assertEquals(
                JoinTokenService.TYPE_INVITATION_WITHDRAWN,
                type(assertThrows(ProblemException.class, () -> tokens.verify(token, id))));
        assertEquals(housing, tokens.verify(tokens.issue(id, housing), id).personId());
        clock.set(Fixtures.BASE);

        // Cancelling the session withdraws everyone at once.
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "取消 Called off"))
                .post("/api/sessions/" + id + "/cancel")
                .then()
                .statusCode(200);
        assertTrue(withdrawals.seen.containsAll(List.of(
                new InvitationWithdrawn(id, fx.person("city.drc")),
                new InvitationWithdrawn(id, fx.person("applicant")))));
    }

    @Test
    void quorumNeedsEveryRequiredDepartmentAndStartMovesTheProjectToReview() {
        Instant start = at(fx.freeDay(), 9, 0);
        long project = fx.acceptedProject(false);
        long id = fx.schedule(fx.sessionRequest(project, start));
        long fgw = fx.department("370300-FGW");
        long zrzy = fx.department("370300-ZRZY");
        assertEquals(
                List.of(fgw, zrzy).stream().sorted().toList(),
                sessions.requiredDepartments(id).stream()
                        .map(SessionDepartment::departmentId)
                        .sorted()
                        .toList());

        assertEquals(
                403,
                assertThrows(ProblemException.class, () -> sessions.open(id, "city.drc"))
                        .status());
        assertEquals(SessionStatus.OPEN, sessions.open(id, "chair").status());

        ProblemException noQuorum =
                assertThrows(ProblemException.class, () -> sessions.start(id, "chair", List.of(fgw)));
        assertEquals(409, noQuorum.status());
        assertEquals("quorum-not-reached", type(noQuorum));
        assertEquals(
                List.of("370300-ZRZY"),
                noQuorum.toProblem(null).clashes().stream()
                        .map(c -> ((ReviewSession.QuorumGap) c).departmentCode())
                        .toList());

        assertEquals(
                SessionStatus.IN_PROGRESS,
                sessions.start(id, "chair", List.of(fgw, zrzy)).status());
        as("coordinator").get("/api/projects/" + project).then().body("status", equalTo("IN_REVIEW"));

        // Attendance: a drop and a rejoin within the grace period is one entry plus the gap.
        long drc = fx.person("city.drc");
        Instant t0 = start.plus(Duration.ofMinutes(1));
        attendance.recordJoin(id, drc, SessionRole.OFFICIAL, fgw, t0);
        attendance.recordLeave(id, drc, LeaveReason.DROPPED, t0.plusSeconds(600));
        attendance.recordJoin(id, drc, SessionRole.OFFICIAL, fgw, t0.plusSeconds(630));
        long nr = fx.person("city.nr");
        attendance.recordJoin(id, nr, SessionRole.OFFICIAL, zrzy, t0);
        attendance.recordLeave(id, nr, LeaveReason.DROPPED, t0.plusSeconds(60));
        attendance.recordJoin(id, nr, SessionRole.OFFICIAL, zrzy, t0.plusSeconds(60 + 600)); // after the grace period
        assertTrue(attendance.hasAttended(id, drc));
        assertFalse(attendance.hasAttended(id, fx.person("applicant")));

        clock.set(start.plus(Duration.ofMinutes(80)));
        assertEquals(SessionStatus.CONCLUDED, sessions.conclude(id, "chair").status());
        List<AttendanceView> list = attendance.listAttendance(id);
        AttendanceView d =
                list.stream().filter(v -> v.personId() == drc).findFirst().orElseThrow();
        assertEquals(1, list.stream().filter(v -> v.personId() == drc).count());
        assertEquals(1, d.interruptions());
        assertEquals(30, d.interruptedSeconds());
        assertEquals(LeaveReason.SESSION_ENDED, d.leaveReason());
        assertEquals(79 * 60 - 30, d.presentSeconds());
        assertEquals(2, list.stream().filter(v -> v.personId() == nr).count());
        assertEquals(List.of("scheduled", "opened", "started", "concluded"), auditLog.actions("session", id));
        assertTrue(auditLog.actions("project", project).contains("review-started"));

        as("observer")
                .get("/api/sessions/" + id + "/attendance")
                .then()
                .statusCode(200)
                .body("username", containsInAnyOrder("city.drc", "city.nr", "city.nr"));
        String csv = as("coordinator")
                .accept("text/csv")
                .get("/api/sessions/" + id + "/attendance")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.startsWith("\uFEFFperson_id,username,"), "UTF-8 BOM, then the header");
        assertEquals(4, csv.split("\r\n").length);
        assertEquals(
                csv,
                as("coordinator")
                        .get("/api/sessions/" + id + "/attendance.csv")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertNull(tokens.admissionFor(id, "observer").orElse(null));
    }
}
