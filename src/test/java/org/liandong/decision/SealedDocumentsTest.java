package org.liandong.decision;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.liandong.document.EmbeddedSignatures;
import org.liandong.support.Fixtures;
import org.liandong.support.Ofdrw;
import org.liandong.support.Pdfsig;
import org.liandong.support.VeraPdf;
import org.ofdrw.sign.verify.exceptions.OFDVerifyException;

/**
 * Every issued PDF (decision, notice, minutes) is PDF/A-2b for veraPDF and carries an embedded
 * PAdES signature with the seal that Poppler's pdfsig, a tool outside Liandong, finds valid over the whole file; one changed
 * byte makes it invalid for pdfsig and for our own verify endpoint.
 */
@QuarkusTest
class SealedDocumentsTest {

    private static final List<String> TWO = List.of("city.drc", "city.nr");

    @Inject
    SessionFixture fixture;

    @Test
    void decisionNoticeAndMinutesAreSignedForPdfsigAndTheVerifyEndpoint() throws Exception {
        Pdfsig.require();
        SessionFixture.Started approved = fixture.start("applicant", "chair", TWO, TWO);
        Fixtures.signOpinion("city.drc", approved.sessionId(), DecisionFlowTest.withConditions("废水须达标排放"));
        Fixtures.signOpinion("city.nr", approved.sessionId(), DecisionFlowTest.approve());
        JsonPath decision = Fixtures.issueDecision("chair", approved.sessionId());

        SessionFixture.Started supplement = fixture.start("applicant", "chair", TWO, TWO);
        Fixtures.signOpinion("city.drc", supplement.sessionId(), DecisionFlowTest.supplement(Map.of("用地红线图", "未盖章")));
        Fixtures.signOpinion("city.nr", supplement.sessionId(), DecisionFlowTest.approve());
        JsonPath notice = Fixtures.issueDecision("chair", supplement.sessionId());
        assertEquals("SUPPLEMENT_REQUIRED", notice.getString("outcome"));

        String certificate = RestAssured.get("/api/decisions/seal.pem")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (JsonPath d : List.of(decision, notice)) {
            byte[] pdf = as("chair")
                    .get("/api/decisions/" + d.getLong("id") + "/document.pdf")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            assertSignedAndTamperEvident(pdf, certificate);
            RestAssured.given()
                    .queryParam("number", d.getString("number"))
                    .contentType("application/pdf")
                    .body(pdf)
                    .post("/api/decisions/verify")
                    .then()
                    .statusCode(200)
                    .body("genuine", equalTo(true))
                    .body("unaltered", equalTo(true))
                    .body("sealValid", equalTo(true));
            RestAssured.given()
                    .queryParam("number", d.getString("number"))
                    .queryParam("sha256", d.getString("pdfSha256"))
                    .get("/api/decisions/verify")
                    .then()
                    .statusCode(200)
                    .body("sealValid", equalTo(true));
            RestAssured.given()
                    .queryParam("number", d.getString("number"))
                    .contentType("application/pdf")
                    .body(flipInSignedRange(pdf))
                    .post("/api/decisions/verify")
                    .then()
                    .statusCode(200)
                    .body("genuine", equalTo(false));
        }
        byte[] minutes = as("coordinator")
                .get("/api/sessions/" + approved.sessionId() + "/minutes.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertSignedAndTamperEvident(minutes, certificate);
    }

    /**
     * The SM2/OFD profile (on by default): the decision is also issued as OFD, served next to the
     * PDF, with an SM2/SM3 e-seal that ofdrw's verifier accepts and that fails once one byte of a
     * page changed. Its SHA-256 is in the audit entry; another applicant's decision is not served.
     */
    @Test
    void theDecisionIsAlsoAnOfdWithAnSm2SealThatOfdrwAccepts() throws Exception {
        SessionFixture.Started s = fixture.start("applicant", "chair", TWO, TWO);
        Fixtures.signOpinion("city.drc", s.sessionId(), DecisionFlowTest.withConditions("废水须达标排放"));
        Fixtures.signOpinion("city.nr", s.sessionId(), DecisionFlowTest.approve());
        JsonPath decision = Fixtures.issueDecision("chair", s.sessionId());
        var response = as("applicant")
                .get("/api/decisions/" + decision.getLong("id") + "/document.ofd")
                .then()
                .statusCode(200)
                .contentType("application/ofd")
                .extract();
        assertTrue(response.header("Content-Disposition").contains(".ofd"), response.header("Content-Disposition"));
        byte[] ofd = response.asByteArray();
        Ofdrw.verify(ofd);
        String text = Ofdrw.text(ofd);
        assertTrue(text.contains(decision.getString("number")), text);
        assertTrue(text.contains("废水须达标排放"), text);
        String number = decision.getString("number");
        byte[] changed = Ofdrw.withOneByteChanged(
                ofd, number.substring(number.indexOf('〔') + 1, number.indexOf('〕'))); // the year
        assertThrows(OFDVerifyException.class, () -> Ofdrw.verify(changed));
        as("chair")
                .get("/api/decisions/987654321/document.ofd")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    static void assertSignedAndTamperEvident(byte[] pdf, String certificatePem) throws Exception {
        var cert = Seal.parseCertificate(certificatePem);
        EmbeddedSignatures.Check check = EmbeddedSignatures.check(pdf, cert);
        assertTrue(check.valid(), check.toString());
        assertEquals(List.of(), VeraPdf.violationsOfPdfA2b(pdf), "PDF/A-2b, signed");
        String report = Pdfsig.report(pdf);
        assertTrue(Pdfsig.validAndWhole(report), report);
        byte[] changed = flipInSignedRange(pdf);
        String broken = Pdfsig.report(changed);
        assertFalse(broken.contains("Signature is Valid."), broken);
        assertFalse(EmbeddedSignatures.check(changed, cert).valid());
    }

    /** One byte changed in the middle of the first signed range (the rendered document, not the signature hole). */
    static byte[] flipInSignedRange(byte[] pdf) throws Exception {
        int[] range;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            range = doc.getLastSignatureDictionary().getByteRange();
        }
        byte[] changed = pdf.clone();
        changed[range[1] / 2] ^= 0x01;
        return changed;
    }
}
