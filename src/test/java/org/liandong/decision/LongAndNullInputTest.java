package org.liandong.decision;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

/**
 * Long, null and unknown input is a 400 problem naming the field, never a 500, and text derived
 * from valid input (notices, timeline entries, default titles) always fits where it is stored.
 * Inputs from issue 16 ("500s on long or null input").
 */
@QuarkusTest
class LongAndNullInputTest {

    @Inject
    SessionFixture fixture;

    @Inject
    Fixtures fx;

    private static String text(int length) {
        char[] c = new char[length];
        Arrays.fill(c, '材');
        return new String(c);
    }

    private static Map<String, Object> supplement(List<?> items) {
        Map<String, Object> body = new HashMap<>();
        body.put("verdict", "REQUEST_SUPPLEMENT");
        body.put("reasons", "材料不齐全");
        body.put("supplementItems", items);
        return body;
    }

    @Test
    void aSupplementItemOverItsLimitsIsA400NamingTheField() {
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        String opinions = "/api/sessions/" + s.sessionId() + "/opinions";
        as("city.drc")
                .body(supplement(List.of(Map.of("material", text(301), "problem", "缺页"))))
                .post(opinions)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("supplementItems[0].material"));
        as("city.drc")
                .body(supplement(List.of(Map.of("material", "项目申请报告", "problem", text(1001)))))
                .post(opinions)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("supplementItems[0].problem"));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        as("city.drc")
                .body(supplement(withNull))
                .post(opinions)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("supplementItems[0]"));
        // At the limits exactly, it is stored.
        as("city.drc")
                .body(supplement(List.of(Map.of("material", text(300), "problem", text(1000)))))
                .post(opinions)
                .then()
                .statusCode(201);
    }

    @Test
    void aSupplementNoticeOfManyThousandCharactersIsIssuedAndKeptOnTheTimeline() {
        SessionFixture.Started s =
                fixture.start("applicant", "chair", List.of("city.drc", "city.nr"), List.of("city.drc", "city.nr"));
        for (String official : List.of("city.drc", "city.nr")) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // Sentences as officials write them (an unbroken run of one character is slow to lay out in the PDF).
                items.add(Map.of(
                        "material",
                        "材料" + i + "：" + "建设项目环境影响报告书第三章。".repeat(19),
                        "problem",
                        official + "：" + "缺少盖章页和法定代表人签字，请补充后重新提交。".repeat(40)));
            }
            Fixtures.signOpinion(official, s.sessionId(), supplement(items));
        }
        as("chair")
                .post("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(201)
                .body("outcome", equalTo("SUPPLEMENT_REQUIRED"));
        as("coordinator")
                .get("/api/projects/" + s.projectId())
                .then()
                .statusCode(200)
                .body("status", equalTo("SUPPLEMENTING"))
                .body("timeline.find { it.type == 'supplement-requested' }.detail.length()", greaterThan(4000));
    }

    /**
     * PostgreSQL cannot store U+0000 in text (ApiFuzzTest found the 500 there; common/JsonTextRules
     * refuses it for every body). This runs on both databases, where the fuzz runs on H2 only.
     */
    @Test
    void aNulCharacterInABodyFieldIsA400NamingTheField() {
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        as("city.drc")
                .body(supplement(List.of(Map.of("material", "项目\u0000申请报告", "problem", "缺页"))))
                .post("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("supplementItems[0].material"));
    }

    @Test
    void anUnknownEnumQueryParameterIsA400NamingIt() {
        as("coordinator")
                .get("/api/projects?status=XYZ")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        as("coordinator").get("/api/projects?page=abc").then().statusCode(400).body("errors[0].field", equalTo("page"));
        as("coordinator")
                .get("/api/sessions?from=yesterday")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
        as("coordinator").get("/api/people?role=KING").then().statusCode(400).body("errors[0].field", equalTo("role"));
    }

    @Test
    void aCancelReasonLongerThanItsColumnIsA400AndADefaultTitleFitsTheLongestProjectName() {
        Map<String, Object> body = Fixtures.projectBody(fx.person("applicant"));
        body.put("name", text(200));
        long project = Fixtures.file("coordinator", body);
        Fixtures.acceptProject(project);
        long session = fx.schedule(fx.sessionRequest(project, Fixtures.at(fx.freeDay(), 9, 0)));
        as("coordinator")
                .body(Map.of("reason", text(501)))
                .post("/api/sessions/" + session + "/cancel")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as("coordinator")
                .queryParam("reason", "x".repeat(501))
                .delete("/api/sessions/" + session + "/participants/" + fx.person("city.nr"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as("coordinator")
                .body(Map.of("reason", text(500)))
                .post("/api/sessions/" + session + "/cancel")
                .then()
                .statusCode(200);
    }
}
