package org.liandong.decision;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liandong.document.EmbeddedSignatures;
import org.liandong.document.TestTsa;
import org.liandong.support.Fixtures;
import org.liandong.support.Pdfsig;

/** With {@code liandong.decision.tsa-url} set, issued PDFs are PAdES B-T: stamped by the authority the test runs. */
@QuarkusTest
@WithTestResource(TestTsa.class)
class TimestampedDecisionTest {

    @Inject
    SessionFixture fixture;

    @Test
    void theIssuedDecisionCarriesATimestampFromTheConfiguredAuthority() throws Exception {
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        Fixtures.signOpinion("city.drc", s.sessionId(), DecisionFlowTest.approve());
        int before = TestTsa.GRANTED.get();
        JsonPath d = Fixtures.issueDecision("chair", s.sessionId());
        assertTrue(TestTsa.GRANTED.get() > before, "the authority was asked");
        byte[] pdf = as("chair")
                .get("/api/decisions/" + d.getLong("id") + "/document.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String pem = RestAssured.get("/api/decisions/seal.pem")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        EmbeddedSignatures.Check check = EmbeddedSignatures.check(pdf, Seal.parseCertificate(pem));
        assertTrue(check.valid() && check.timestamped(), check.toString());
        Pdfsig.require();
        SealedDocumentsTest.assertSignedAndTamperEvident(pdf, pem);
    }
}
