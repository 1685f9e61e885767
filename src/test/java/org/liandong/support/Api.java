package org.liandong.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.liandong.directory.DemoDirectory;
import org.liandong.project.CreditCode;

/** Shortcuts for REST Assured calls as the demo accounts, and valid test data. */
public final class Api {

    private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 500_000));

    private Api() {
    }

    /** A request signed in as a demo account (HTTP Basic, preemptive). */
    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, DemoDirectory.DEMO_PASSWORD).contentType(ContentType.JSON);
    }

    /** A fresh, valid national project code in Zichuan (370303). */
    public static String newProjectCode() {
        return "2026-370303-44-03-%06d".formatted(SERIAL.incrementAndGet());
    }

    /** A valid unified social credit code (check character computed). */
    public static String creditCode(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A valid registration body for the demo applicant; change fields with put(). */
    public static Map<String, Object> projectBody(long applicantId) {
        Map<String, Object> body = new HashMap<>();
        body.put("projectCode", newProjectCode());
        body.put("name", "年产5万吨高性能新材料项目");
        body.put("enterpriseName", "淄博测试新材料有限公司");
        body.put("creditCode", creditCode("91370303MA3C1234X"));
        body.put("investment", "120000000.00");
        body.put("countyCode", "370303");
        body.put("industry", "C26 化学原料和化学制品制造业");
        body.put("matterType", "investment-approval");
        body.put("applicantId", applicantId);
        return body;
    }

    public static long personId(String username) {
        return as("admin").get("/api/people?role=" + role(username)).jsonPath()
                .getLong("find { it.username == '" + username + "' }.id");
    }

    private static String role(String username) {
        return switch (username) {
            case "applicant", "applicant2" -> "APPLICANT";
            case "agent" -> "PROXY_AGENT";
            case "coordinator" -> "COORDINATOR";
            case "observer" -> "OBSERVER";
            case "admin" -> "ADMIN";
            default -> "OFFICIAL";
        };
    }

    /** Registers a project as the coordinator for {@code applicant} and returns its id. */
    public static long registerProject(String applicant) {
        return as("coordinator").body(projectBody(personId(applicant))).post("/api/projects")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Takes a registered project to ACCEPTED: submit, pre-review, every material accepted, accept. */
    public static void acceptProject(long id) {
        as("coordinator").post("/api/projects/" + id + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + id + "/pre-review").then().statusCode(200);
        MaterialFiles.acceptAll(id);
        as("coordinator").post("/api/projects/" + id + "/accept").then().statusCode(200);
    }

    public static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }
}
