package org.liandong.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.Fixtures;

/**
 * Runs the packaged app (target/quarkus-app/quarkus-run.jar) as a real process, registers a
 * project, restarts the process and finds the project again. On H2 the data lives in a fresh
 * data directory; with LIANDONG_DB=postgresql the jar was built for PostgreSQL and the environment
 * points it at the same server as the rest of the suite.
 */
class PackagedAppRestartIT {

    @Test
    void projectSurvivesARestartOfThePackagedApp() throws Exception {
        Path dataDir = Files.createTempDirectory("liandong-it");
        int port = freePort();
        String code = Fixtures.newProjectCode().replace("2026-", "2025-");

        Process first = start(port, dataDir);
        try {
            awaitReady(port, first);
            long applicant = given().port(port).auth().preemptive().basic("admin", DemoDirectory.DEMO_PASSWORD)
                    .get("/api/people?role=APPLICANT").jsonPath().getLong("find { it.username == 'applicant' }.id");
            Map<String, Object> body = Fixtures.with(Fixtures.projectBody(applicant), "projectCode", code);
            given().port(port).auth().preemptive().basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                    .contentType("application/json").body(body).post("/api/projects").then().statusCode(201);
        } finally {
            stop(first);
        }

        Process second = start(port, dataDir);
        try {
            awaitReady(port, second);
            given().port(port).auth().preemptive().basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                    .get("/api/projects?q=" + code).then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].projectCode", equalTo(code));
        } finally {
            stop(second);
        }
    }

    private static Process start(int port, Path dataDir) throws Exception {
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        assertTrue(jar.isFile(), "package the app first (mvn verify does)");
        return new ProcessBuilder("java", "-Dquarkus.http.port=" + port, "-Dliandong.data-dir=" + dataDir,
                "-jar", jar.getPath())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("app-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private static void awaitReady(int port, Process p) {
        org.awaitility.Awaitility.await("the packaged app is ready").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    assertTrue(p.isAlive(), "the packaged app exited during start-up");
                    try {
                        return given().port(port).get("/q/health/ready").statusCode() == 200;
                    } catch (RuntimeException notYet) {
                        return false; // not listening yet
                    }
                });
    }

    private static void stop(Process p) throws Exception {
        p.destroy(); // SIGTERM: Quarkus shuts down gracefully and H2 closes its file
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
