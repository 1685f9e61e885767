package org.liandong.decision;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.liandong.directory.PersonRepository;
import org.liandong.session.AttendanceService;
import org.liandong.session.SessionRole;

/** Minutes are frozen when the decision is issued: later changes to the record leave their bytes and digest alone. */
@QuarkusTest
class FrozenMinutesTest {

    private static final List<String> TWO = List.of("city.drc", "city.nr");

    @Inject
    SessionFixture fixture;

    @Inject
    AttendanceService attendance;

    @Inject
    PersonRepository people;

    @Test
    void frozenAtTheDecisionUnchangedByLaterDataAndCorrectedOnlyByANewVersion() throws Exception {
        SessionFixture.Started s = fixture.start("applicant", "chair", TWO, TWO);
        String path = "/api/sessions/" + s.sessionId();
        org.liandong.support.Fixtures.signOpinion("city.drc", s.sessionId(), DecisionFlowTest.approve());
        org.liandong.support.Fixtures.signOpinion("city.nr", s.sessionId(), DecisionFlowTest.approve());
        as("coordinator").get(path + "/minutes").then().statusCode(200).body("", hasSize(0));
        assertTrue(text(as("coordinator")
                        .get(path + "/minutes.pdf")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray())
                .contains("草稿"));

        as("chair").post(path + "/decision").then().statusCode(201);
        JsonPath v1 = as("coordinator")
                .get(path + "/minutes")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .extract()
                .jsonPath();
        assertEquals(1, v1.getInt("[0].version"));
        byte[] frozen = as("coordinator")
                .get(path + "/minutes.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertEquals(v1.getString("[0].pdfSha256"), DecisionService.sha256(frozen));
        String frozenText = text(frozen);
        assertTrue(
                !frozenText.contains("草稿") && frozenText.contains("会议纪要") && frozenText.contains("出席情况"), frozenText);
        String frozenHtml = as("coordinator")
                .get(path + "/minutes.html")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        // The record changes after the decision: someone's attendance is added.
        QuarkusTransaction.requiringNew().run(() -> {
            var housing = people.findByUsername("city.housing").orElseThrow();
            attendance.recordJoin(
                    s.sessionId(),
                    housing.id(),
                    SessionRole.OFFICIAL,
                    housing.department().id(),
                    Instant.now());
        });
        assertArrayEquals(
                frozen,
                as("coordinator")
                        .get(path + "/minutes.pdf")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray(),
                "the minutes are served as frozen");
        assertEquals(
                frozenHtml,
                as("observer")
                        .get(path + "/minutes.html")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        as("coordinator").get(path + "/minutes").then().body("[0].pdfSha256", equalTo(v1.getString("[0].pdfSha256")));

        // A correction is a new version; the first stays.
        as("coordinator")
                .body(Map.of())
                .post(path + "/minutes/corrections")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("correctionReason"));
        as("city.drc")
                .body(Map.of("correctionReason", "补记出席"))
                .post(path + "/minutes/corrections")
                .then()
                .statusCode(403);
        as("coordinator")
                .body(Map.of("correctionReason", "补记住建局出席"))
                .post(path + "/minutes/corrections")
                .then()
                .statusCode(201)
                .body("version", equalTo(2))
                .body("supersedesId", equalTo(v1.getInt("[0].id")));
        JsonPath both = as("coordinator")
                .get(path + "/minutes")
                .then()
                .statusCode(200)
                .body("", hasSize(2))
                .extract()
                .jsonPath();
        assertEquals(v1.getString("[0].pdfSha256"), both.getString("[0].pdfSha256"));
        byte[] corrected = as("coordinator")
                .get(path + "/minutes.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertEquals(both.getString("[1].pdfSha256"), DecisionService.sha256(corrected));
        assertNotEquals(v1.getString("[0].pdfSha256"), both.getString("[1].pdfSha256"));
        String correctedText = text(corrected).replaceAll("\\s+", "");
        assertTrue(correctedText.contains("补记住建局出席") && correctedText.contains("淄博市住房和城乡建设局"), correctedText);
        as("applicant").get(path + "/minutes.pdf").then().statusCode(403);
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
