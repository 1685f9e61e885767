package org.liandong.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.Api;

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
        String code = Api.newProjectCode().replace("2026-", "2025-");

        PackagedApp first = new PackagedApp(dataDir).start();
        int port = first.port;
        try {
            long applicant = given().port(port).auth().preemptive().basic("admin", DemoDirectory.DEMO_PASSWORD)
                    .get("/api/people?role=APPLICANT").jsonPath().getLong("find { it.username == 'applicant' }.id");
            Map<String, Object> body = Api.with(Api.projectBody(applicant), "projectCode", code);
            given().port(port).auth().preemptive().basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                    .contentType("application/json").body(body).post("/api/projects").then().statusCode(201);
        } finally {
            first.stop();
        }

        PackagedApp second = first.start();
        try {
            given().port(port).auth().preemptive().basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                    .get("/api/projects?q=" + code).then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].projectCode", equalTo(code));
        } finally {
            second.stop();
        }
    }
}
