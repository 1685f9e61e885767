package org.liandong.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.personId;
import static org.liandong.support.Fixtures.projectBody;
import static org.liandong.support.Fixtures.with;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liandong.support.Fixtures;
import org.liandong.support.MaterialFiles;

@QuarkusTest
class ProjectResourceTest {

    long applicant;

    @BeforeEach
    void ids() {
        applicant = personId("applicant");
    }

    @Test
    void coordinatorRegistersAProjectWithItsChecklist() {
        Map<String, Object> body = projectBody(applicant);
        as("coordinator")
                .body(body)
                .post("/api/projects")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/projects/"))
                .body("projectCode", equalTo(body.get("projectCode")))
                .body("status", equalTo("DRAFT"))
                .body("investment", equalTo(120000000.00f))
                .body("countyNameZh", equalTo("淄川区"))
                .body("materials.status", everyItem(equalTo("MISSING")))
                .body("materials.size()", equalTo(4))
                .body("timeline[0].type", equalTo("registered"));
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "projectCode|2026-370303-44-03-12345|must look like",
                "projectCode|2026-379999-44-03-012345|not in the directory",
                "projectCode|1888-370303-44-03-012345|out of range",
                "creditCode|91350100M000100Y44|check character",
                "creditCode|91350100M000100Y4|18 characters",
                "creditCode|91350100M0001O0Y43|not allowed",
                "investment|-5.00|positive",
                "investment|0|positive",
                "investment|100.123|two decimals",
                "countyCode|370399|not a county",
                "countyCode|370300|not a county",
                "matterType|no-such-matter|not a known matter type",
            })
    void invalidFieldsAreNamedInTheProblem(String field, String value, String message) {
        as("coordinator")
                .body(with(projectBody(applicant), field, value))
                .post("/api/projects")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("errors.message", hasItem(containsString(message)));
    }

    @Test
    void missingAndMistypedFieldsAreNamed() {
        as("coordinator")
                .body(with(projectBody(applicant), "name", " "))
                .post("/api/projects")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("name"));
        as("coordinator")
                .body(with(projectBody(applicant), "investment", "lots"))
                .post("/api/projects")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("investment"));
        as("coordinator")
                .body("{\"projectCode\": ")
                .post("/api/projects")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
        as("coordinator")
                .body(with(projectBody(applicant), "applicantId", personId("city.nr")))
                .post("/api/projects")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("applicantId"));
    }

    @Test
    void duplicateProjectCodeIsAConflictAndKeepsTheFirst() {
        Map<String, Object> body = projectBody(applicant);
        as("coordinator").body(body).post("/api/projects").then().statusCode(201);
        as("coordinator")
                .body(with(body, "name", "another"))
                .post("/api/projects")
                .then()
                .statusCode(409)
                .body("type", containsString("duplicate"));
        as("coordinator")
                .get("/api/projects?q=" + body.get("projectCode"))
                .then()
                .body("total", equalTo(1))
                .body("items[0].name", equalTo(body.get("name")));
    }

    @Test
    void lifecycleMovesOnlyAlongLegalTransitions() {
        long id = Fixtures.registerProject("applicant");
        String p = "/api/projects/" + id;
        as("coordinator")
                .post(p + "/accept")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("illegal-transition"))
                .body("detail", containsString("DRAFT"));
        as("applicant").post(p + "/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        as("applicant").post(p + "/submit").then().statusCode(409);
        as("coordinator").post(p + "/pre-review").then().statusCode(200).body("status", equalTo("PRE_REVIEW"));
        // Materials still open: acceptance refused, status unchanged.
        as("coordinator")
                .post(p + "/accept")
                .then()
                .statusCode(409)
                .body("type", containsString("materials-incomplete"));
        as("coordinator").get(p).then().body("status", equalTo("PRE_REVIEW"));
        as("coordinator")
                .body(Map.of("reason", "营业执照副本不清晰"))
                .post(p + "/request-supplement")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUPPLEMENTING"));
        as("applicant").post(p + "/resubmit").then().statusCode(200).body("status", equalTo("PRE_REVIEW"));
        for (Object item : as("coordinator").get(p).jsonPath().getList("materials.id")) {
            // accepting needs the version it is accepted with
            as("coordinator")
                    .body(Map.of("status", "ACCEPTED"))
                    .put(p + "/materials/" + item)
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("fileId"));
        }
        MaterialFiles.acceptAll(id);
        as("coordinator")
                .post(p + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("acceptedAt", not(equalTo(null)));
        as("coordinator")
                .body(Map.of())
                .post(p + "/withdraw")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        as("applicant")
                .body(Map.of("reason", "企业战略调整"))
                .post(p + "/withdraw")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        as("coordinator").post(p + "/submit").then().statusCode(409);
        as("coordinator")
                .get(p)
                .then()
                .body(
                        "timeline.type",
                        org.hamcrest.Matchers.contains(
                                "registered",
                                "submitted",
                                "pre-review-started",
                                "supplement-requested",
                                "resubmitted",
                                "material-uploaded",
                                "material-accepted",
                                "material-uploaded",
                                "material-accepted",
                                "material-uploaded",
                                "material-accepted",
                                "material-uploaded",
                                "material-accepted",
                                "accepted",
                                "withdrawn"));
    }

    @Test
    void rolesAreEnforced() {
        given().get("/api/projects").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .preemptive()
                .basic("coordinator", "wrong-password")
                .get("/api/projects")
                .then()
                .statusCode(401);
        // an applicant files online only for themselves (see MaterialFlowTest for the online filing)
        as("applicant")
                .body(projectBody(Fixtures.personId("applicant2")))
                .post("/api/projects")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("applicantId"));
        as("city.nr").body(projectBody(applicant)).post("/api/projects").then().statusCode(403);
        as("applicant").post("/api/projects/1/pre-review").then().statusCode(403);
    }

    @Test
    void applicantSeesOnlyTheirOwnProjects() {
        long mine = Fixtures.registerProject("applicant");
        long theirs = Fixtures.registerProject("applicant2");
        as("applicant")
                .get("/api/projects?size=100")
                .then()
                .statusCode(200)
                .body("items.id", hasItem((int) mine))
                .body("items.id", not(hasItem((int) theirs)));
        as("applicant").get("/api/projects/" + theirs).then().statusCode(404);
        as("applicant").post("/api/projects/" + theirs + "/submit").then().statusCode(404);
        as("applicant2").get("/api/projects/" + theirs).then().statusCode(200);
        as("observer").get("/api/projects/" + theirs).then().statusCode(200);
    }

    @Test
    void searchFiltersByStatusCountyAndTextWithPaging() {
        Map<String, Object> body = with(projectBody(applicant), "name", "沂源县果品冷链物流中心");
        body.put("countyCode", "370323");
        long id = Fixtures.file("coordinator", body);
        as("coordinator")
                .get("/api/projects?q=冷链&county=370323&status=DRAFT")
                .then()
                .statusCode(200)
                .body("items.id", hasItem((int) id))
                .body("items.countyCode", everyItem(equalTo("370323")));
        as("coordinator").get("/api/projects?q=冷链&status=ACCEPTED").then().body("items.id", not(hasItem((int) id)));
        as("coordinator")
                .get("/api/projects?size=1&page=0")
                .then()
                .body("items.size()", equalTo(1))
                .body("size", equalTo(1));
        as("coordinator").get("/api/projects?size=1000").then().statusCode(400).body("errors.field", hasItem("size"));
        // Issue 16: an unknown enum value is a 400 naming the parameter, not a bare 404.
        as("coordinator")
                .get("/api/projects?status=BOGUS")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
    }
}
