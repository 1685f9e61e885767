package org.liandong.decision;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;
import org.liandong.support.Race;

/**
 * The one-of-a-kind rules besides scheduling, each raced by four identical requests released at
 * once (repeated): one wins, the others get a 409 problem, never a 500 and never a second row.
 * Unique keys and row locks in the database keep them, so they hold across nodes too.
 */
@QuarkusTest
class OneOfAKindRacesTest {

    private static final int ROUNDS = 3;

    @Inject
    SessionFixture fixture;

    @Test
    void fourRegistrationsOfOneProjectCodeMakeOneProject() {
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> body = Fixtures.projectBody(Fixtures.personId("applicant"));
            Race.assertOneOfAKind(
                    Race.release(Collections.nCopies(
                            4, () -> as("coordinator").body(body).post("/api/projects"))),
                    201,
                    1);
            as("coordinator")
                    .get("/api/projects?q=" + body.get("projectCode"))
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1));
        }
    }

    @Test
    void fourDraftsByOneOfficialMakeOneOpinionAndFourIssuesOneDecisionAndFourRatingsOneRating() {
        for (int round = 0; round < ROUNDS; round++) {
            SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
            Map<String, Object> approve = Map.of("verdict", "APPROVE");
            Supplier<Response> draft =
                    () -> as("city.drc").body(approve).post("/api/sessions/" + s.sessionId() + "/opinions");
            List<Response> drafts = Race.release(Collections.nCopies(4, draft));
            // The first draft is created (201); later ones may edit it (201 too, same id) or lose the race (409).
            long ids = drafts.stream()
                    .filter(r -> r.statusCode() == 201)
                    .map(r -> r.jsonPath().getLong("id"))
                    .distinct()
                    .count();
            drafts.stream()
                    .filter(r -> r.statusCode() != 201)
                    .forEach(r -> assertEquals(409, r.statusCode(), r.asString()));
            assertEquals(1, ids, "one opinion");
            long opinion = drafts.stream()
                    .filter(r -> r.statusCode() == 201)
                    .findFirst()
                    .orElseThrow()
                    .jsonPath()
                    .getLong("id");
            as("city.drc")
                    .body(Map.of("password", "liandong-demo"))
                    .post("/api/opinions/" + opinion + "/sign")
                    .then()
                    .statusCode(200);
            as("chair")
                    .get("/api/sessions/" + s.sessionId() + "/opinions")
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(1));

            List<Response> issues = Race.release(
                    Collections.nCopies(4, () -> as("chair").post("/api/sessions/" + s.sessionId() + "/decision")));
            Race.assertOneOfAKind(issues, 201, 1);
            long decision = issues.stream()
                    .filter(r -> r.statusCode() == 201)
                    .findFirst()
                    .orElseThrow()
                    .jsonPath()
                    .getLong("id");
            as("coordinator")
                    .get("/api/projects/" + s.projectId() + "/decisions")
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(1));

            Supplier<Response> rate =
                    () -> as("applicant").body(Map.of("score", 5)).post("/api/decisions/" + decision + "/rating");
            Race.assertOneOfAKind(Race.release(Collections.nCopies(4, rate)), 200, 1);
        }
    }
}
