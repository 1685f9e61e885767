package org.liandong.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The admission snapshot is dropped by every change on this node, after it commits: each case first
 * fills the cache with a successful join check, then changes the session, then checks again. (The
 * older JoinTokenAndLifecycleTest checks only after the change, with nothing cached, so it passes
 * with or without invalidation.) The pinned clock keeps the cached entry inside its time to live.
 */
@QuarkusTest
class AdmissionCacheTest {

    @Inject
    Fixtures fx;

    @Inject
    TestClock clock;

    @Inject
    JoinTokenService tokens;

    @Inject
    SessionService sessions;

    @AfterEach
    void unpin() {
        clock.reset();
    }

    private static String type(ProblemException e) {
        return e.toProblem(null).type().replace("https://liandong.org/problems/", "");
    }

    private long session(Instant start) {
        clock.set(Fixtures.BASE);
        return fx.schedule(fx.sessionRequest(fx.acceptedProject(false), start));
    }

    @Test
    void aWithdrawalCancellationOrRemovalIsRefusedAtOnceAfterACachedAdmission() {
        long drc = fx.person("city.drc");
        long nr = fx.person("city.nr");

        Instant s1 = at(fx.freeDay(), 9, 0);
        long withdrawn = session(s1);
        String t1 = tokens.issue(withdrawn, drc);
        clock.set(s1);
        assertEquals(drc, tokens.verify(t1, withdrawn).personId());
        as("coordinator")
                .queryParam("reason", "换人 Someone else attends")
                .delete("/api/sessions/" + withdrawn + "/participants/" + drc)
                .then()
                .statusCode(200);
        assertEquals(
                JoinTokenService.TYPE_INVITATION_WITHDRAWN,
                type(assertThrows(ProblemException.class, () -> tokens.verify(t1, withdrawn))));

        Instant s2 = at(fx.freeDay(), 9, 0);
        long cancelled = session(s2);
        String t2 = tokens.issue(cancelled, nr);
        clock.set(s2);
        assertEquals(nr, tokens.verify(t2, cancelled).personId());
        clock.set(Fixtures.BASE);
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "取消 Called off"))
                .post("/api/sessions/" + cancelled + "/cancel")
                .then()
                .statusCode(200);
        clock.set(s2);
        assertThrows(ProblemException.class, () -> tokens.verify(t2, cancelled));
        assertEquals(true, tokens.admitSignedIn(cancelled, "city.nr").isEmpty());

        Instant s3 = at(fx.freeDay(), 9, 0);
        long removed = session(s3);
        String t3 = tokens.issue(removed, drc);
        clock.set(s3);
        assertEquals(drc, tokens.verify(t3, removed).personId());
        sessions.recordRemoval(removed, drc, "chair", s3);
        assertEquals(
                JoinTokenService.TYPE_REMOVED,
                type(assertThrows(ProblemException.class, () -> tokens.verify(t3, removed))));
    }
}
