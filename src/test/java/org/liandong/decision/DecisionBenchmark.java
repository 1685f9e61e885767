package org.liandong.decision;

import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.audit.AuditLog;
import org.liandong.support.Fixtures;

/**
 * Benchmark, not a test (run it with bench/decisions.sh). Times, over real HTTP, issuing a
 * decision (number, render to PDF with the embedded font, seal, store, project move, audit), the
 * PDF download, verification by file, the minutes PDF, and the audit chain check over everything
 * the run wrote. Figures go to target/bench/decisions.txt; nothing about time is asserted.
 */
@QuarkusTest
class DecisionBenchmark {

    static final int ROUNDS = Integer.getInteger("bench.decisions", 30);
    static final int WARMUP = Integer.getInteger("bench.warmup", 5);

    @Inject
    SessionFixture fixture;

    @Inject
    AuditLog audit;

    @Test
    void issueRenderSealVerify() throws Exception {
        List<Double> issue = new ArrayList<>();
        List<Double> download = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        List<Double> minutes = new ArrayList<>();
        long pdfBytes = 0;
        List<String> three = List.of("city.drc", "city.nr", "city.eco");
        // The issue is timed signed in once, like the web app: with HTTP Basic every call also pays a
        // bcrypt check of the password, which measures the login, not issuing (issue 14).
        String chairCookie = io.restassured.RestAssured.given()
                .formParam("j_username", "chair")
                .formParam("j_password", org.liandong.support.Fixtures.PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(200)
                .extract()
                .cookie("quarkus-credential");
        for (int i = 0; i < WARMUP + ROUNDS; i++) {
            SessionFixture.Started s = fixture.start("applicant", "chair", three, three);
            for (String official : three) {
                Fixtures.signOpinion(
                        official,
                        s.sessionId(),
                        Map.of(
                                "verdict",
                                "APPROVE_WITH_CONDITIONS",
                                "reasons",
                                "符合产业政策",
                                "conditions",
                                List.of("条件 " + official)));
            }
            long t0 = System.nanoTime();
            var d = io.restassured.RestAssured.given()
                    .cookie("quarkus-credential", chairCookie)
                    .post("/api/sessions/" + s.sessionId() + "/decision")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            long t1 = System.nanoTime();
            byte[] pdf = as("chair")
                    .get("/api/decisions/" + d.getLong("id") + "/document.pdf")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            long t2 = System.nanoTime();
            io.restassured.RestAssured.given()
                    .queryParam("number", d.getString("number"))
                    .contentType("application/pdf")
                    .body(pdf)
                    .post("/api/decisions/verify")
                    .then()
                    .statusCode(200);
            long t3 = System.nanoTime();
            as("coordinator")
                    .get("/api/sessions/" + s.sessionId() + "/minutes.pdf")
                    .then()
                    .statusCode(200);
            long t4 = System.nanoTime();
            if (i >= WARMUP) {
                issue.add((t1 - t0) / 1e6);
                download.add((t2 - t1) / 1e6);
                verify.add((t3 - t2) / 1e6);
                minutes.add((t4 - t3) / 1e6);
                pdfBytes = pdf.length;
            }
        }
        long c0 = System.nanoTime();
        var report = audit.verify();
        double chainMs = (System.nanoTime() - c0) / 1e6;

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "rounds=%d warmup=%d pdf=%d bytes%n", ROUNDS, WARMUP, pdfBytes));
        out.append(line("POST /api/sessions/{id}/decision (cookie)", issue));
        out.append(line("GET  /api/decisions/{id}/document.pdf", download));
        out.append(line("POST /api/decisions/verify (file)", verify));
        out.append(line("GET  /api/sessions/{id}/minutes.pdf", minutes));
        out.append(String.format(
                Locale.ROOT,
                "audit chain check: %d entries in %.1f ms (intact=%s)%n",
                report.checked(),
                chainMs,
                report.intact()));
        Path file = Path.of("target/bench/decisions.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println(out);
    }

    private static String line(String name, List<Double> ms) {
        List<Double> s = ms.stream().sorted().toList();
        return String.format(
                Locale.ROOT,
                "%-40s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n",
                name,
                s.get((int) Math.floor(0.50 * (s.size() - 1))),
                s.get((int) Math.floor(0.95 * (s.size() - 1))),
                s.get(s.size() - 1));
    }
}
