package org.liandong.session;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;
import org.liandong.support.Race;

/**
 * Double-booking is refused when the requests arrive together, not only one after the other: the
 * rows of the people being booked are locked in the database (SchedulingService.schedule), so the
 * rule holds across threads and across nodes. Each race is repeated, since one lucky interleaving
 * proves nothing.
 */
@QuarkusTest
class ConcurrentSchedulingTest {

    private static final int ROUNDS = 5;

    @Inject
    Fixtures fx;

    @Test
    void twoBookingsOfTheSamePeopleReleasedAtOnceMakeOneSessionAndOnePersonBusy() {
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate day = fx.freeDay();
            Map<String, Object> a = fx.sessionRequest(fx.acceptedProject(false), at(day, 9, 0));
            Map<String, Object> b = fx.sessionRequest(fx.acceptedProject(false), at(day, 9, 30));
            List<Response> responses = Race.release(post(a), post(b));
            List<String> losers = Race.assertOneOfAKind(responses, 201, 1);
            assertTrue(
                    losers.get(0).endsWith("/clash") || losers.get(0).endsWith("/concurrent-change"),
                    losers.toString());
            chairSessionsOn(day, 1);
        }
    }

    @Test
    void fourCopiesOfOneRequestReleasedAtOnceMakeOneSession() {
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate day = fx.freeDay();
            long project = fx.acceptedProject(true);
            Map<String, Object> body = fx.sessionRequest(project, at(day, 14, 0));
            Race.assertOneOfAKind(Race.release(Collections.nCopies(4, post(body))), 201, 1);
            as("coordinator")
                    .get("/api/sessions?projectId=" + project)
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(1));
        }
    }

    @Test
    void reschedulingTwoSessionsOntoOneSlotAtOnceLeavesOneThere() {
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate day = fx.freeDay();
            long a = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(day, 9, 0)));
            long b = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(day, 14, 0)));
            Map<String, Object> move =
                    Map.of("startsAt", at(day, 11, 0).toString(), "durationMinutes", 60, "reason", "会议室调整");
            Supplier<Response> moveA = () -> as("coordinator")
                    .contentType(ContentType.JSON)
                    .body(move)
                    .post("/api/sessions/" + a + "/reschedule");
            Supplier<Response> moveB = () -> as("coordinator")
                    .contentType(ContentType.JSON)
                    .body(move)
                    .post("/api/sessions/" + b + "/reschedule");
            Race.assertOneOfAKind(Race.release(moveA, moveB), 200, 1);
        }
    }

    private static Supplier<Response> post(Map<String, Object> body) {
        return () -> as("coordinator").contentType(ContentType.JSON).body(body).post("/api/sessions");
    }

    private void chairSessionsOn(LocalDate day, int expected) {
        as("coordinator")
                .queryParam("from", at(day, 0, 0).toString())
                .queryParam("to", at(day, 23, 59).toString())
                .queryParam("personId", fx.person("chair"))
                .get("/api/sessions")
                .then()
                .statusCode(200)
                .body("findAll { it.status == 'SCHEDULED' }", hasSize(expected));
    }
}
