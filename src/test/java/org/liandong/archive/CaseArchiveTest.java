package org.liandong.archive;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.liandong.decision.DecisionFlowTestAccess;
import org.liandong.decision.SessionFixture;
import org.liandong.support.Requires;

/**
 * The case archive checks out offline with the tools a records office has (openssl, sha256sum)
 * and through the endpoint, and one changed file is caught by both.
 */
@QuarkusTest
class CaseArchiveTest {

    @Inject
    SessionFixture fixture;

    @Test
    void archiveVerifiesOfflineAndOnlineAndOneChangedFileIsCaught() throws Exception {
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        DecisionFlowTestAccess.signApproval("city.drc", s.sessionId());
        as("chair").post("/api/sessions/" + s.sessionId() + "/decision").then().statusCode(201);
        as("applicant")
                .get("/api/projects/" + s.projectId() + "/archive.zip")
                .then()
                .statusCode(403);
        byte[] zip = as("observer")
                .get("/api/projects/" + s.projectId() + "/archive.zip")
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .extract()
                .asByteArray();
        Map<String, byte[]> files = unzip(zip);
        assertTrue(
                files.keySet().stream().anyMatch(n -> n.startsWith("decisions/") && n.endsWith(".pdf")),
                files.keySet().toString());
        assertTrue(
                files.containsKey("sessions/" + s.sessionId() + "/minutes-v1.pdf"),
                files.keySet().toString());
        assertTrue(files.containsKey("sessions/" + s.sessionId() + "/attendance.csv"));
        assertTrue(new String(files.get("audit/entries.json"), StandardCharsets.UTF_8).contains("\"hash\""));

        RestAssured.given()
                .contentType("application/zip")
                .body(zip)
                .post("/api/archives/verify")
                .then()
                .log()
                .ifValidationFails(io.restassured.filter.log.LogDetail.BODY)
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("manifestSealValid", equalTo(true));
        String minutes = "sessions/" + s.sessionId() + "/minutes-v1.pdf";
        Map<String, byte[]> changed = new TreeMap<>(files);
        byte[] altered = files.get(minutes).clone();
        altered[altered.length / 2] ^= 0x01;
        changed.put(minutes, altered);
        RestAssured.given()
                .contentType("application/zip")
                .body(zip(changed))
                .post("/api/archives/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("manifestSealValid", equalTo(true))
                .body("changed", contains(minutes));
        RestAssured.given()
                .contentType("application/zip")
                .body(new byte[] {1, 2, 3})
                .post("/api/archives/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false));

        // Offline, as README says: openssl checks the manifest's seal, sha256sum every file.
        Requires.executable("openssl", "/usr/bin/openssl", "apt-get install openssl");
        Requires.executable("sha256sum", "/usr/bin/sha256sum", "apt-get install coreutils");
        Path dir = write(files);
        assertEquals(0, verifySeal(dir));
        assertEquals(0, run(dir, "sha256sum", "--quiet", "-c", "SHA256SUMS"));
        Files.write(dir.resolve(minutes), altered);
        assertNotEquals(0, run(dir, "sha256sum", "--quiet", "-c", "SHA256SUMS"));
        Files.write(
                dir.resolve("SHA256SUMS"),
                (new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8) + "x").getBytes());
        assertNotEquals(0, verifySeal(dir));
    }

    /** openssl's exit code for the manifest's CMS seal checked against the archive's own certificate. */
    private static int verifySeal(Path dir) throws Exception {
        return run(
                dir,
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "SHA256SUMS.p7s",
                "-content",
                "SHA256SUMS",
                "-CAfile",
                "seal.pem",
                "-purpose",
                "any",
                "-out",
                "/dev/null");
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (var f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static Path write(Map<String, byte[]> files) throws Exception {
        Path dir = Files.createTempDirectory("liandong-archive");
        for (var f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        return dir;
    }

    static int run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hung: " + String.join(" ", command));
        System.out.println(String.join(" ", command) + " -> " + p.exitValue() + " " + out.strip());
        return p.exitValue();
    }
}
