package org.liandong.session;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.common.ProblemException;
import org.liandong.support.Fixtures;
import org.liandong.support.TestClock;

/**
 * A project withdrawn by its applicant (allowed in every status but DECIDED and WITHDRAWN, so also
 * ACCEPTED with a session scheduled) leaves its session scheduled: nothing cancels it, its invitees'
 * join links keep admitting them to a room about a withdrawn case, and the chair's start fails later
 * (Project.startReview requires ACCEPTED). Expected: withdrawing the project refuses the session's
 * joins (cancels it, or refuses to withdraw while a session is scheduled).
 */
@QuarkusTest
class WithdrawnProjectSessionTest {

    @Inject
    Fixtures fx;

    @Inject
    TestClock clock;

    @Inject
    JoinTokenService tokens;

    @AfterEach
    void unpin() {
        clock.reset();
    }

    @Test
    void aWithdrawnProjectsSessionAdmitsNobody() {
        clock.set(Fixtures.BASE);
        long project = fx.acceptedProject(false);
        Instant start = at(fx.freeDay(), 9, 0);
        long session = fx.schedule(fx.sessionRequest(project, start));
        String token = tokens.issue(session, fx.person("city.drc"));
        as("applicant")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "项目取消 The investment was called off"))
                .post("/api/projects/" + project + "/withdraw")
                .then()
                .statusCode(200);
        clock.set(start);
        assertThrows(
                ProblemException.class,
                () -> tokens.verify(token, session),
                "an official still enters the session of a withdrawn project");
    }
}
