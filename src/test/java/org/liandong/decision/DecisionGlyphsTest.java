package org.liandong.decision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

/**
 * The reported inputs through the whole application: an enterprise name and signer names with
 * CJK Extension B characters come back out of the issued decision and the frozen minutes
 * identical (they printed as '#' before the font chain). The edges of the kind are in
 * {@link org.liandong.document.GlyphCoverageTest}.
 */
@QuarkusTest
class DecisionGlyphsTest {

    @Inject
    SessionFixture fixture;

    @Test
    void extensionBNamesPrintInTheDecisionAndTheMinutes() throws Exception {
        Map<String, Object> drc = person("city.drc");
        Map<String, Object> nr = person("city.nr");
        try {
            rename(drc, "𠀀𠀁测试");
            rename(nr, "𪚥华");
            long projectId = as("coordinator")
                    .body(Fixtures.with(
                            Fixtures.projectBody(Fixtures.personId("applicant")), "enterpriseName", "淄博𠀀䶮新材料有限公司"))
                    .post("/api/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            List<String> two = List.of("city.drc", "city.nr");
            SessionFixture.Started s = fixture.start(projectId, "chair", two, two);
            Fixtures.signOpinion("city.drc", s.sessionId(), DecisionFlowTest.approve());
            Fixtures.signOpinion("city.nr", s.sessionId(), DecisionFlowTest.approve());
            JsonPath d = Fixtures.issueDecision("chair", s.sessionId());
            String decision = text(as("chair")
                    .get("/api/decisions/" + d.getLong("id") + "/document.pdf")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray());
            String minutes = text(as("coordinator")
                    .get("/api/sessions/" + s.sessionId() + "/minutes.pdf")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray());
            for (String text : List.of(decision, minutes)) {
                for (String expected : List.of("淄博𠀀䶮新材料有限公司", "𠀀𠀁测试", "𪚥华")) {
                    assertTrue(text.contains(expected), "lacks " + expected + ":\n" + text);
                }
                assertFalse(text.contains("#"), text);
            }
        } finally {
            restore(drc);
            restore(nr);
        }
    }

    private static Map<String, Object> person(String username) {
        List<Map<String, Object>> people = as("admin")
                .get("/api/people")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        return people.stream()
                .filter(p -> username.equals(p.get("username")))
                .findFirst()
                .orElseThrow();
    }

    private static void rename(Map<String, Object> person, String displayName) {
        put(person, displayName);
    }

    private static void restore(Map<String, Object> person) {
        put(person, (String) person.get("displayName"));
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> person, String displayName) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", person.get("username"));
        body.put("displayName", displayName);
        body.put("email", person.get("email"));
        body.put("roles", person.get("roles"));
        body.put("departmentId", ((Map<String, Object>) person.get("department")).get("id"));
        body.put("mayChair", person.get("mayChair"));
        as("admin").body(body).put("/api/people/" + person.get("id")).then().statusCode(200);
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
