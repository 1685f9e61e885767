package org.liandong.decision;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.directory.PersonRepository;
import org.liandong.session.JoinTokenService;
import org.liandong.support.Fixtures;

/**
 * Issue 11, "the applicant never sees deliberation": the project timeline the applicant side reads
 * shows no department verdict before the decision (it did: {@code opinion-signed:
 * 淄博市自然资源和规划局：不同意}); and a session ends when its decision is issued: the room closes
 * (4009) and old links stop working.
 */
@QuarkusTest
class DeliberationVisibilityTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionFixture fixture;

    @Inject
    JoinTokenService tokens;

    @Inject
    PersonRepository people;

    private static JsonPath project(String who, long projectId) {
        return as(who).get("/api/projects/" + projectId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theApplicantSeesNoVerdictBeforeTheDecisionAndTheDecisionEndsTheSession() {
        SessionFixture.Started s =
                fixture.start("applicant", "chair", List.of("city.drc", "city.nr"), List.of("city.drc", "city.nr"));
        Fixtures.signOpinion("city.nr", s.sessionId(), Map.of("verdict", "REJECT", "reasons", "选址位于生态保护红线内"));
        Fixtures.signOpinion(
                "city.drc", s.sessionId(), Map.of("verdict", "APPROVE", "legalBasis", "《企业投资项目核准和备案管理条例》第十一条"));

        String applicantView = as("applicant")
                .get("/api/projects/" + s.projectId())
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(applicantView.contains("opinion-signed"), applicantView);
        assertFalse(applicantView.contains("不同意"), applicantView);
        assertEquals(
                2,
                project("coordinator", s.projectId()).getList("timeline.type").stream()
                        .filter("opinion-signed"::equals)
                        .count(),
                "staff read the whole timeline");

        long chairId = people.findByUsername("chair").orElseThrow().id();
        String chairToken = tokens.issue(s.sessionId(), chairId);
        SignalingClient chair = SignalingClient.connect(base, s.sessionId(), chairToken, null);
        chair.await("welcome");

        as("chair").post("/api/sessions/" + s.sessionId() + "/decision").then().statusCode(201);
        assertEquals(4009, chair.awaitClosed(Duration.ofSeconds(20)), "the decision ends the session: the room closes");
        as("coordinator")
                .get("/api/sessions/" + s.sessionId())
                .then()
                .statusCode(200)
                .body("status", equalTo("CONCLUDED"));
        assertEquals(
                401,
                SignalingClient.refusalStatus(base, s.sessionId(), chairToken, null),
                "no joins after the decision");

        // After the decision the verdicts are on the decision document anyway; the timeline shows them too.
        List<String> types = project("applicant", s.projectId()).getList("timeline.type");
        assertTrue(
                types.indexOf("opinion-signed") >= 0
                        && types.indexOf("opinion-signed") < types.indexOf("decision-issued"),
                types.toString());
    }
}
