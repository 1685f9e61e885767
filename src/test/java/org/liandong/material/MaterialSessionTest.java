package org.liandong.material;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.liandong.decision.SessionFixture;
import org.liandong.support.Fixtures;
import org.liandong.support.MaterialFiles;

/**
 * Materials beyond pre-review: invited officials read the accepted versions (and nothing else),
 * a document held for the same enterprise is accepted by reference, and page references travel
 * from opinions into the notice, the decision and the minutes, which list every version reviewed.
 */
@QuarkusTest
class MaterialSessionTest {

    private static final List<String> THREE = List.of("city.drc", "city.nr", "city.eco");

    @Inject
    Fixtures fx;

    @Inject
    SessionFixture sessions;

    @Test
    void invitedOfficialsReadTheAcceptedVersionsOnly() {
        long p = fx.registeredProject(false);
        as("coordinator").post("/api/projects/" + p + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + p + "/pre-review").then().statusCode(200);
        List<Integer> items = MaterialFlowTest.items(p);
        long rejected =
                MaterialFiles.upload("coordinator", p, items.get(0), MaterialFiles.pdf("draft", 1), "draft.pdf");
        long good = MaterialFiles.upload("coordinator", p, items.get(0), MaterialFiles.pdf("final", 2), "final.pdf");
        MaterialFiles.accept(p, items.get(0), good);
        for (int i = 1; i < items.size(); i++) {
            MaterialFiles.accept(
                    p,
                    items.get(i),
                    MaterialFiles.upload("coordinator", p, items.get(i), MaterialFiles.pdf("i" + i, 1), i + ".pdf"));
        }
        as("coordinator").post("/api/projects/" + p + "/accept").then().statusCode(200);
        long session = fx.schedule(fx.sessionRequest(p, at(fx.freeDay(), 9, 30))); // invites city.drc and city.nr

        as("city.drc")
                .get("/api/sessions/" + session + "/materials")
                .then()
                .statusCode(200)
                .body("size()", equalTo(items.size()))
                .body("[0].id", equalTo((int) good));
        as("city.drc")
                .get("/api/material-files/" + good + "/content")
                .then()
                .statusCode(200)
                .contentType("application/pdf");
        as("city.drc")
                .get("/api/material-files/" + rejected + "/content")
                .then()
                .statusCode(404);
        as("city.drc")
                .get("/api/projects/" + p + "/materials/" + items.get(0) + "/files")
                .then()
                .statusCode(200)
                .body("id", contains((int) good));
        as("city.eco").get("/api/sessions/" + session + "/materials").then().statusCode(404); // not invited
        as("city.eco").get("/api/material-files/" + good + "/content").then().statusCode(404);
        as("applicant2").get("/api/sessions/" + session + "/materials").then().statusCode(404);
        as("coordinator")
                .get("/api/material-files/" + rejected + "/content")
                .then()
                .statusCode(200);
    }

    @Test
    void aDocumentHeldForTheSameEnterpriseIsAcceptedByReference() {
        long first = Fixtures.registerProject("applicant");
        Fixtures.acceptProject(first);
        int licenceItem = MaterialFlowTest.items(first).get(3); // 营业执照 Business licence
        long licence =
                as("coordinator").get("/api/projects/" + first).jsonPath().getLong("materials[3].acceptedFileId");

        // a second project of the same enterprise (same unified social credit code)
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.projectBody(Fixtures.personId("applicant")));
        body.put(
                "creditCode",
                as("coordinator").get("/api/projects/" + first).jsonPath().getString("creditCode"));
        long second = Fixtures.file("coordinator", body);
        long secondLicenceItem = MaterialFlowTest.items(second).get(3);
        as("coordinator").post("/api/projects/" + second + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + second + "/pre-review").then().statusCode(200);
        as("coordinator")
                .get("/api/projects/" + second + "/materials/reusable")
                .then()
                .statusCode(200)
                .body("id", hasItem((int) licence));
        as("coordinator")
                .body(Map.of("status", "ACCEPTED", "fileId", licence))
                .put("/api/projects/" + second + "/materials/" + secondLicenceItem)
                .then()
                .statusCode(200)
                .body("materials[3].acceptedFileId", equalTo((int) licence))
                .body("materials[3].status", equalTo("ACCEPTED"))
                .body("timeline.detail", hasItem(containsString("by reference")));
        // no second upload, and the enterprise's people read it through their new project
        as("applicant")
                .get("/api/projects/" + second + "/materials/" + secondLicenceItem + "/files")
                .then()
                .body("size()", equalTo(0));
        as("applicant")
                .get("/api/material-files/" + licence + "/content")
                .then()
                .statusCode(200);
        assertTrue(licenceItem > 0);

        // another enterprise cannot borrow it
        long other = fx.registeredProject(false); // a different credit code
        as("coordinator").post("/api/projects/" + other + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + other + "/pre-review").then().statusCode(200);
        as("coordinator")
                .body(Map.of("status", "ACCEPTED", "fileId", licence))
                .put("/api/projects/" + other + "/materials/"
                        + MaterialFlowTest.items(other).get(3))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("fileId"));
    }

    private static String pdfText(String user, String url) throws Exception {
        byte[] pdf = as(user).get(url).then().statusCode(200).extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        }
    }

    @Test
    void pageReferencesArePrintedAndTheDocumentsListEveryVersionReviewed() throws Exception {
        SessionFixture.Started s = sessions.start("applicant", "chair", THREE, THREE);
        JsonPath accepted = as("coordinator")
                .get("/api/projects/" + s.projectId() + "/materials/accepted")
                .jsonPath();
        long report = accepted.getLong("[0].id");
        String reportSha = accepted.getString("[0].sha256");
        String opinions = "/api/sessions/" + s.sessionId() + "/opinions";

        Map<String, Object> supplement = new java.util.HashMap<>(Map.of(
                "verdict",
                "REQUEST_SUPPLEMENT",
                "reasons",
                "投资估算前后不一致",
                "supplementItems",
                List.of(Map.of("material", "项目申请报告", "problem", "投资估算与附表不符"))));
        supplement.put(
                "citations", List.of(Map.of("on", "supplementItems", "index", 0, "materialFileId", report, "page", 0)));
        as("city.drc")
                .body(supplement)
                .post(opinions)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("citations[0].page"));
        supplement.put(
                "citations", List.of(Map.of("on", "supplementItems", "index", 1, "materialFileId", report, "page", 3)));
        as("city.drc")
                .body(supplement)
                .post(opinions)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("citations[0].index"));
        supplement.put(
                "citations",
                List.of(Map.of("on", "supplementItems", "index", 0, "materialFileId", 999_999, "page", 3)));
        as("city.drc")
                .body(supplement)
                .post(opinions)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("citations[0].materialFileId"));
        // the accepted version has 3 pages (read from the PDF): page 99 is no page of it
        supplement.put(
                "citations",
                List.of(Map.of("on", "supplementItems", "index", 0, "materialFileId", report, "page", 99)));
        as("city.drc")
                .body(supplement)
                .post(opinions)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("citations[0].page"))
                .body("detail", containsString("has 3 pages"));
        supplement.put(
                "citations",
                List.of(Map.of(
                        "on",
                        "supplementItems",
                        "index",
                        0,
                        "materialFileId",
                        report,
                        "page",
                        3,
                        "region",
                        "0.1,0.2,0.5,0.3")));
        Fixtures.signOpinion("city.drc", s.sessionId(), supplement);

        Map<String, Object> conditions = new java.util.HashMap<>(Map.of(
                "verdict", "APPROVE_WITH_CONDITIONS", "reasons", "符合规划", "conditions", List.of("按总平面图第2页红线范围建设")));
        conditions.put(
                "citations", List.of(Map.of("on", "conditions", "index", 0, "materialFileId", report, "page", 2)));
        Fixtures.signOpinion("city.nr", s.sessionId(), conditions);
        Fixtures.signOpinion("city.eco", s.sessionId(), Map.of("verdict", "APPROVE"));

        long decision = as("chair")
                .post("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(201)
                .body("outcome", equalTo("SUPPLEMENT_REQUIRED"))
                .extract()
                .jsonPath()
                .getLong("id");
        String prefix = reportSha.substring(0, MaterialReferences.SHA_PREFIX);
        String notice = pdfText("applicant", "/api/decisions/" + decision + "/document.pdf");
        assertTrue(notice.contains("第3页") && notice.contains(prefix) && notice.contains("区域0.1,0.2,0.5,0.3"), notice);
        for (String sha : accepted.getList("sha256", String.class)) {
            assertTrue(notice.contains(sha), "the notice lists version " + sha + ":\n" + notice);
        }
        String minutes = pdfText("coordinator", "/api/sessions/" + s.sessionId() + "/minutes.pdf");
        assertTrue(minutes.contains("第2页") && minutes.contains("第3页") && minutes.contains(reportSha), minutes);
    }

    @Test
    void aDecisionWithConditionsPrintsTheReferenceAndTheVersions() throws Exception {
        SessionFixture.Started s = sessions.start("applicant", "chair", THREE, THREE);
        JsonPath accepted = as("coordinator")
                .get("/api/projects/" + s.projectId() + "/materials/accepted")
                .jsonPath();
        long plan = accepted.getLong("[1].id");
        Map<String, Object> conditions = new java.util.HashMap<>(
                Map.of("verdict", "APPROVE_WITH_CONDITIONS", "reasons", "符合规划", "conditions", List.of("建筑退线不少于10米")));
        conditions.put("citations", List.of(Map.of("on", "conditions", "index", 0, "materialFileId", plan, "page", 1)));
        Fixtures.signOpinion("city.nr", s.sessionId(), conditions);
        Fixtures.signOpinion("city.drc", s.sessionId(), Map.of("verdict", "APPROVE"));
        Fixtures.signOpinion("city.eco", s.sessionId(), Map.of("verdict", "APPROVE"));
        long decision = as("chair")
                .post("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(201)
                .body("outcome", equalTo("APPROVED_WITH_CONDITIONS"))
                .extract()
                .jsonPath()
                .getLong("id");
        String text = pdfText("applicant", "/api/decisions/" + decision + "/document.pdf");
        assertTrue(
                text.contains("建筑退线不少于10米")
                        && text.contains("第1页")
                        && text.contains(accepted.getString("[1].sha256").substring(0, MaterialReferences.SHA_PREFIX)),
                text);
        for (String sha : accepted.getList("sha256", String.class)) {
            assertTrue(text.contains(sha), "the decision names version " + sha + ":\n" + text);
        }
        as("applicant")
                .get("/api/decisions/" + decision + "/document.html")
                .then()
                .statusCode(200)
                .body(containsString(accepted.getString("[1].sha256")));
    }
}
