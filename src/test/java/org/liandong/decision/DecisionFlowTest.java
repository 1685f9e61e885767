package org.liandong.decision;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.liandong.audit.AuditLog;
import org.liandong.support.Fixtures;

/** The whole path on a real database: opinions signed in a started session → one sealed decision. */
@QuarkusTest
class DecisionFlowTest {

    private static final List<String> THREE = List.of("city.drc", "city.nr", "city.eco");

    @Inject
    SessionFixture fixture;

    @Inject
    AuditLog auditLog;

    static Map<String, Object> approve() {
        return Map.of("verdict", "APPROVE", "legalBasis", "《企业投资项目核准和备案管理条例》第十一条");
    }

    static Map<String, Object> withConditions(String... conditions) {
        return Map.of(
                "verdict", "APPROVE_WITH_CONDITIONS", "reasons", "符合产业政策，需落实相关要求", "conditions", List.of(conditions));
    }

    static Map<String, Object> supplement(Map<String, String> items) {
        return Map.of(
                "verdict",
                "REQUEST_SUPPLEMENT",
                "reasons",
                "材料不齐全",
                "supplementItems",
                items.entrySet().stream()
                        .map(e -> Map.of("material", e.getKey(), "problem", e.getValue()))
                        .toList());
    }

    private static Map<String, Object> reject() {
        return Map.of("verdict", "REJECT", "reasons", "选址位于生态保护红线内");
    }

    private JsonPath issue(SessionFixture.Started s, String chair) {
        return Fixtures.issueDecision(chair, s.sessionId());
    }

    @Test
    void approvedWithConditionsIsNumberedRenderedSealedAndVerifiable() throws Exception {
        SessionFixture.Started s = fixture.start("applicant", "chair", THREE, THREE);
        Fixtures.signOpinion("city.drc", s.sessionId(), withConditions("落实节能审查意见", "项目须在两年内开工"));
        Fixtures.signOpinion("city.nr", s.sessionId(), approve());
        Fixtures.signOpinion("city.eco", s.sessionId(), withConditions("废水须达标排放", "落实节能审查意见。"));

        as("chair")
                .get("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(200)
                .body("mayIssue", equalTo(true))
                .body("missing", hasSize(0))
                .body("preview.outcome", equalTo("APPROVED_WITH_CONDITIONS"));
        JsonPath d = issue(s, "chair");
        String number = d.getString("number");
        assertTrue(number.matches("淄联审〔\\d{4}〕\\d+号"), number);
        assertEquals("APPROVED_WITH_CONDITIONS", d.getString("outcome"));
        assertEquals(List.of("落实节能审查意见", "项目须在两年内开工", "废水须达标排放"), d.getList("conditions"));
        long id = d.getLong("id");

        JsonPath project = as("coordinator")
                .get("/api/projects/" + s.projectId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("DECIDED", project.getString("status"));
        assertTrue(
                project.getList("timeline.type").contains("decision-issued"),
                project.getList("timeline.type").toString());

        byte[] pdf = as("chair")
                .get("/api/decisions/" + id + "/document.pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        assertEquals(d.getString("pdfSha256"), DecisionService.sha256(pdf));
        String projectCode = project.getString("projectCode");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String raw = new PDFTextStripper().getText(doc);
            Path out = Path.of("target", "decision-sample"); // for the README and the issue note
            Files.createDirectories(out);
            Files.writeString(out.resolve("decision-page1.txt"), raw, StandardCharsets.UTF_8);
            ImageIO.write(
                    new PDFRenderer(doc).renderImageWithDPI(0, 110),
                    "png",
                    out.resolve("decision-page1.png").toFile());
            Files.write(out.resolve("decision.pdf"), pdf);
            String text = raw.replaceAll("\\s+", "");
            for (String expected : List.of(
                    number,
                    projectCode,
                    "附条件准予许可",
                    "淄博市发展和改革委员会",
                    "淄博市自然资源和规划局",
                    "淄博市生态环境局",
                    "附条件同意",
                    "同意",
                    "废水须达标排放",
                    "投资项目远程视频联审决定书")) {
                assertTrue(text.contains(expected), "PDF text lacks " + expected + ":\n" + raw);
            }
        }
        as("chair")
                .get("/api/decisions/" + id + "/document.html")
                .then()
                .statusCode(200)
                .body(containsString(number))
                .body(containsString("淄博市生态环境局"));

        // Verification: anyone, by file or by digest; one changed byte is caught.
        RestAssured.given()
                .queryParam("number", number)
                .contentType("application/pdf")
                .body(pdf)
                .post("/api/decisions/verify")
                .then()
                .statusCode(200)
                .body("genuine", equalTo(true))
                .body("unaltered", equalTo(true))
                .body("sealValid", equalTo(true));
        byte[] tampered = pdf.clone();
        tampered[tampered.length / 2] ^= 0x01;
        // A mismatch reveals nothing but "not genuine": no code, outcome, time or expected hash, and
        // the same answer as for a number never issued, so numbers cannot be enumerated (issue 11).
        String notGenuine = "{\"genuine\":false}";
        RestAssured.given()
                .queryParam("number", number)
                .contentType("application/pdf")
                .body(tampered)
                .post("/api/decisions/verify")
                .then()
                .statusCode(200)
                .body(equalTo(notGenuine));
        RestAssured.given()
                .queryParam("number", number)
                .queryParam("sha256", d.getString("pdfSha256"))
                .get("/api/decisions/verify")
                .then()
                .statusCode(200)
                .body("unaltered", equalTo(true));
        RestAssured.given()
                .queryParam("number", number)
                .queryParam("sha256", "0".repeat(64))
                .get("/api/decisions/verify")
                .then()
                .statusCode(200)
                .body(equalTo(notGenuine));
        RestAssured.given()
                .queryParam("number", "淄联审〔1999〕1号")
                .queryParam("sha256", d.getString("pdfSha256"))
                .get("/api/decisions/verify")
                .then()
                .statusCode(200)
                .body(equalTo(notGenuine));
        RestAssured.given()
                .queryParam("number", number)
                .queryParam("sha256", "xyz")
                .get("/api/decisions/verify")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sha256"));

        // One decision per session; the audit chain holds it and stays intact.
        as("chair").post("/api/sessions/" + s.sessionId() + "/decision").then().statusCode(409);
        assertTrue(auditLog.verify().intact());
        assertEquals(
                "issued", auditLog.history("decision", Long.toString(id)).get(0).action());

        as("coordinator")
                .get("/api/sessions/" + s.sessionId() + "/minutes.pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf");
        as("coordinator")
                .get("/api/sessions/" + s.sessionId() + "/minutes.html")
                .then()
                .statusCode(200)
                .body(containsString(number))
                .body(containsString("出席情况"));
    }

    @Test
    void everyOutcomeOnTheDatabaseIncludingMixedVerdicts() {
        SessionFixture.Started approved =
                fixture.start("applicant", "chair", List.of("city.drc", "city.nr"), List.of("city.drc", "city.nr"));
        Fixtures.signOpinion("city.drc", approved.sessionId(), approve());
        Fixtures.signOpinion("city.nr", approved.sessionId(), approve());
        assertEquals("APPROVED", issue(approved, "chair").getString("outcome"));

        SessionFixture.Started rejected = fixture.start("applicant", "chair", THREE, THREE);
        Fixtures.signOpinion("city.drc", rejected.sessionId(), withConditions("按期开工"));
        Fixtures.signOpinion("city.nr", rejected.sessionId(), supplement(Map.of("用地红线图", "未盖章")));
        Fixtures.signOpinion("city.eco", rejected.sessionId(), reject());
        JsonPath r = issue(rejected, "chair");
        assertEquals("REJECTED", r.getString("outcome"));
        assertEquals(List.of(), r.getList("notice"));
        as("coordinator").get("/api/projects/" + rejected.projectId()).then().body("status", equalTo("DECIDED"));
    }

    @Test
    void supplementMergesDuplicateItemsIntoOneNoticeAndPausesTheProject() throws Exception {
        SessionFixture.Started s = fixture.start("applicant", "chair", THREE, THREE);
        Fixtures.signOpinion("city.drc", s.sessionId(), supplement(Map.of("用地红线图", "未加盖公章", "节能报告", "缺少能耗测算")));
        Fixtures.signOpinion("city.nr", s.sessionId(), supplement(Map.of(" 用地红线图", "比例尺不清")));
        Fixtures.signOpinion("city.eco", s.sessionId(), withConditions("废水须达标排放"));
        JsonPath d = issue(s, "chair");
        assertEquals("SUPPLEMENT_REQUIRED", d.getString("outcome"));
        List<Map<String, String>> notice = d.getList("notice");
        assertEquals(2, notice.size(), notice.toString());
        Map<String, String> map = notice.stream()
                .filter(n -> n.get("material").equals("用地红线图"))
                .findFirst()
                .orElseThrow();
        assertEquals("未加盖公章；比例尺不清", map.get("problems"));
        assertEquals("淄博市发展和改革委员会、淄博市自然资源和规划局", map.get("departments"));
        as("coordinator").get("/api/projects/" + s.projectId()).then().body("status", equalTo("SUPPLEMENTING"));
        byte[] pdf = as("applicant")
                .get("/api/decisions/" + d.getLong("id") + "/document.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertTrue(
                    text.contains("一次性补正告知书") && text.contains("用地红线图") && text.contains(d.getString("number")), text);
            assertEquals(
                    1,
                    text.split("用地红线图", -1).length - 1 - countIn(text, "补正：用地红线图"),
                    "the notice table lists the drawing once:\n" + text);
        }
    }

    private static int countIn(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void refusesWhileARequiredOpinionIsMissing() {
        SessionFixture.Started s = fixture.start("applicant", "chair", THREE, THREE);
        Fixtures.signOpinion("city.drc", s.sessionId(), approve());
        long draft = Fixtures.draftOpinion("city.nr", s.sessionId(), approve());
        as("chair")
                .get("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(200)
                .body("mayIssue", equalTo(false))
                .body("missing", contains("淄博市自然资源和规划局", "淄博市生态环境局"));
        as("chair")
                .post("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(409)
                .body("type", containsString("opinions-missing"))
                .body("detail", containsString("淄博市生态环境局"));
        as("city.nr")
                .body(Map.of("password", "liandong-demo"))
                .post("/api/opinions/" + draft + "/sign")
                .then()
                .statusCode(200);
        Fixtures.signOpinion("city.eco", s.sessionId(), approve());
        as("city.drc")
                .post("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(403); // not the chair
        issue(s, "chair");
    }

    @Test
    void anOfficialSignsOnlyForTheirOwnDepartmentAndOnlyHavingAttended() {
        SessionFixture.Started s = fixture.start("applicant", "chair", THREE, List.of("city.drc", "city.nr"));
        long drc = Fixtures.draftOpinion("city.drc", s.sessionId(), approve());
        as("city.nr")
                .body(Map.of("password", "liandong-demo"))
                .post("/api/opinions/" + drc + "/sign")
                .then()
                .statusCode(403)
                .body("detail", containsString("your own department"));
        as("city.nr").body(reject()).put("/api/opinions/" + drc).then().statusCode(403);
        as("city.eco")
                .body(approve())
                .post("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(403)
                .body("detail", containsString("attended"));
        as("city.housing")
                .body(approve())
                .post("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(403)
                .body("detail", containsString("does not take part"));
        as("city.drc")
                .body(Map.of("password", "wrong-password"))
                .post("/api/opinions/" + drc + "/sign")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("password"));
        as("city.drc")
                .body(Map.of("verdict", "REJECT"))
                .post("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reasons"));
        // Drafts stay inside the department; applicants see no opinions at all.
        as("city.nr")
                .get("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(200)
                .body("id", not(hasItem((int) drc)));
        as("city.drc")
                .get("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(200)
                .body("id", hasItem((int) drc));
        as("applicant")
                .get("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(403);
    }

    @Test
    void aSignedOpinionIsFrozenAndCorrectedByANewVersion() {
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        long v1 = Fixtures.signOpinion("city.drc", s.sessionId(), approve());
        as("city.drc")
                .body(reject())
                .put("/api/opinions/" + v1)
                .then()
                .statusCode(409)
                .body("type", containsString("opinion-signed"));
        as("city.drc")
                .body(reject())
                .post("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(409);
        as("city.drc")
                .body(reject())
                .post("/api/opinions/" + v1 + "/corrections")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("correctionReason"));
        Map<String, Object> correction = new java.util.HashMap<>(withConditions("限期完成环评批复"));
        correction.put("correctionReason", "漏列环评前置条件");
        long v2 = as("city.drc")
                .body(correction)
                .post("/api/opinions/" + v1 + "/corrections")
                .then()
                .statusCode(201)
                .body("revision", equalTo(2))
                .body("supersedesId", equalTo((int) v1))
                .body("status", equalTo("DRAFT"))
                .extract()
                .jsonPath()
                .getLong("id");
        as("city.drc")
                .body(Map.of("password", "liandong-demo"))
                .post("/api/opinions/" + v2 + "/sign")
                .then()
                .statusCode(200);
        as("observer")
                .get("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(200)
                .body("revision", contains(1, 2))
                .body("status", contains("SUPERSEDED", "SIGNED"));
        JsonPath d = issue(s, "chair");
        assertEquals("APPROVED_WITH_CONDITIONS", d.getString("outcome"));
        assertEquals(2, d.getInt("opinions[0].revision"));
        correction.put("correctionReason", "again");
        as("city.drc")
                .body(correction)
                .post("/api/opinions/" + v2 + "/corrections")
                .then()
                .statusCode(409)
                .body("type", containsString("decision-issued"));
    }

    @Test
    void theApplicantSeesAndRatesTheirOwnDecisionOnly() {
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        Fixtures.signOpinion("city.drc", s.sessionId(), approve());
        long id = issue(s, "chair").getLong("id");
        as("applicant").get("/api/inbox/decisions").then().statusCode(200).body("id", hasItem((int) id));
        as("applicant").get("/api/decisions/" + id).then().statusCode(200).body("projectId", equalTo((int)
                s.projectId()));
        as("applicant").get("/api/decisions/" + id + "/document.pdf").then().statusCode(200);
        as("applicant2").get("/api/inbox/decisions").then().statusCode(200).body("id", not(hasItem((int) id)));
        as("applicant2").get("/api/decisions/" + id).then().statusCode(404);
        as("applicant2").get("/api/decisions/" + id + "/document.pdf").then().statusCode(404);
        as("applicant")
                .get("/api/sessions/" + s.sessionId() + "/decision")
                .then()
                .statusCode(403);

        as("applicant")
                .body(Map.of("score", 6))
                .post("/api/decisions/" + id + "/rating")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("score"));
        as("applicant2")
                .body(Map.of("score", 5))
                .post("/api/decisions/" + id + "/rating")
                .then()
                .statusCode(404);
        as("applicant")
                .body(Map.of("score", 5, "comment", "全程网办，省时省力"))
                .post("/api/decisions/" + id + "/rating")
                .then()
                .statusCode(200)
                .body("rating.score", equalTo(5));
        as("applicant")
                .body(Map.of("score", 1))
                .post("/api/decisions/" + id + "/rating")
                .then()
                .statusCode(409);
    }

    @Test
    void twoChairsIssuingAtOnceGetTwoConsecutiveNumbers() throws Exception {
        SessionFixture.Started a = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        SessionFixture.Started b =
                fixture.start("applicant2", "zichuan.approval", List.of("city.nr"), List.of("city.nr"));
        Fixtures.signOpinion("city.drc", a.sessionId(), approve());
        Fixtures.signOpinion("city.nr", b.sessionId(), approve());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            calls.add(() -> {
                go.await();
                return issue(a, "chair").getString("number");
            });
            calls.add(() -> {
                go.await();
                return issue(b, "zichuan.approval").getString("number");
            });
            List<Future<String>> results = new ArrayList<>();
            for (Callable<String> c : calls) {
                results.add(pool.submit(c));
            }
            go.countDown();
            int first = DecisionNumber.parse(results.get(0).get()).serial();
            int second = DecisionNumber.parse(results.get(1).get()).serial();
            assertEquals(1, Math.abs(first - second), "consecutive and distinct: " + first + ", " + second);
        } finally {
            pool.shutdown();
        }
        // No gap: the serials of the year are exactly 1..n.
        List<Integer> serials = serialsOfThisYear();
        for (int i = 0; i < serials.size(); i++) {
            assertEquals(i + 1, serials.get(i), "serials " + serials);
        }
    }

    @Inject
    DecisionRepository decisions;

    private List<Integer> serialsOfThisYear() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> decisions.listAll().stream()
                        .map(d -> DecisionNumber.parse(d.number()))
                        .filter(n -> n.prefix().equals("淄联审"))
                        .map(DecisionNumber::serial)
                        .sorted()
                        .toList());
    }
}
