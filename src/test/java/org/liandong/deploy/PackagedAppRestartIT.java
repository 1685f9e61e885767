package org.liandong.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.Fixtures;

/**
 * Runs the packaged app (target/quarkus-app/quarkus-run.jar) as a real process, registers a
 * project, restarts the process and finds the project again. On H2 the data lives in a fresh
 * data directory; with LIANDONG_DB=postgresql the jar was built for PostgreSQL and the environment
 * points it at the same server as the rest of the suite. Also the secrets rule: the demo keeps its
 * generated secrets under the data dir and never logs them; production refuses to start without
 * its own.
 */
class PackagedAppRestartIT {

    @Test
    void projectSurvivesARestartOfThePackagedApp() throws Exception {
        Path dataDir = Files.createTempDirectory("liandong-it");
        String code = Fixtures.newProjectCode().replace("2026-", "2025-");

        PackagedApp first = new PackagedApp(dataDir).start();
        int port = first.port;
        String cookie;
        try {
            cookie = given().port(port)
                    .formParam("j_username", "coordinator")
                    .formParam("j_password", DemoDirectory.DEMO_PASSWORD)
                    .post("/j_security_check")
                    .then()
                    .statusCode(200)
                    .extract()
                    .cookie("quarkus-credential");
            long applicant = given().port(port)
                    .auth()
                    .preemptive()
                    .basic("admin", DemoDirectory.DEMO_PASSWORD)
                    .get("/api/people?role=APPLICANT")
                    .jsonPath()
                    .getLong("find { it.username == 'applicant' }.id");
            Map<String, Object> body = Fixtures.with(Fixtures.projectBody(applicant), "projectCode", code);
            given().port(port)
                    .auth()
                    .preemptive()
                    .basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/projects")
                    .then()
                    .statusCode(201);
        } finally {
            first.stop();
        }

        PackagedApp second = first.start();
        try {
            given().port(port)
                    .auth()
                    .preemptive()
                    .basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                    .get("/api/projects?q=" + code)
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].projectCode", equalTo(code));
            // The demo's generated session key is kept (0600) under the data dir: the browser session survives.
            given().port(port)
                    .cookie("quarkus-credential", cookie)
                    .get("/api/me")
                    .then()
                    .statusCode(200)
                    .body("username", equalTo("coordinator"));
        } finally {
            second.stop();
        }
        String log = second.log();
        for (String name : List.of(
                "liandong.session-key", "liandong.sessions.join-token-secret", "liandong.audit.checkpoint-key")) {
            Path secret = dataDir.resolve("secrets").resolve(name);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(secret), name);
            String value = Files.readString(secret).trim();
            assertTrue(value.length() >= 32, name);
            assertFalse(log.contains(value), name + " reached the log");
        }
        // Issue 11: no secret in the log - not the session key Quarkus would generate, not the demo password.
        assertFalse(log.contains("temporary key"), log);
        assertFalse(log.contains(DemoDirectory.DEMO_PASSWORD), "the demo password reached the log");
    }

    /** Issue 11 / issue 10.7: without the demo, a missing or published secret stops the start, naming no value. */
    @Test
    void productionRefusesToStartWithGeneratedOrPublishedSecrets() throws Exception {
        Path dataDir = Files.createTempDirectory("liandong-it-prod");
        PackagedApp app = new PackagedApp(
                dataDir,
                "-Dliandong.demo.seed=false",
                "-Dliandong.media.mode=sfu",
                "-Dliandong.session-key=change-me-to-a-long-random-secret");
        int exit = app.startExpectingRefusal();
        String log = app.log();
        assertTrue(exit != 0, "exit code " + exit);
        for (String expected : List.of(
                "liandong.session-key is a published default value",
                "liandong.sessions.join-token-secret is not set",
                "liandong.audit.checkpoint-key is not set",
                "liandong.media.janus.api-secret is a published default value",
                "liandong.decision.seal.keystore is not set")) {
            assertTrue(log.contains(expected), expected + " not in:\n" + log);
        }
        assertFalse(log.contains("liandong-local-janus"), "a secret value reached the log");
        assertFalse(log.contains("temporary key"), log);
    }
}
