package org.liandong.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.liandong.directory.DemoDirectory;
import org.liandong.directory.DepartmentRepository;
import org.liandong.directory.PersonRepository;
import org.liandong.project.CreditCode;
import org.liandong.project.WorkingDayCalendar;

/**
 * The one test-data builder (after ddd-by-examples' PatronFixture): requests as the demo accounts,
 * valid project data, projects taken through their lifecycle by the real API, demo people and
 * departments, free session days. Static helpers need only a running app; the instance methods
 * (inject the bean) read the directory.
 */
@ApplicationScoped
public class Fixtures {

    public static final String PASSWORD = DemoDirectory.DEMO_PASSWORD;
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Where pinned-clock tests start: Friday 27 November 2026, 09:00 in Zibo. */
    public static final Instant BASE = Instant.parse("2026-11-27T01:00:00Z");

    private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 500_000));

    private final PersonRepository people;
    private final DepartmentRepository departments;
    private final WorkingDayCalendar calendar;
    private LocalDate lastDay = LocalDate.of(2026, 11, 30);

    Fixtures(PersonRepository people, DepartmentRepository departments, WorkingDayCalendar calendar) {
        this.people = people;
        this.departments = departments;
        this.calendar = calendar;
    }

    /** A JSON request signed in as a demo account (HTTP Basic, preemptive). */
    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, PASSWORD).contentType(ContentType.JSON);
    }

    /** {@code official} drafts an opinion with {@code body} in the session; returns its id (status DRAFT). */
    public static long draftOpinion(String official, long sessionId, Map<String, Object> body) {
        return as(official)
                .body(body)
                .post("/api/sessions/" + sessionId + "/opinions")
                .then()
                .statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("DRAFT"))
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** {@code official} signs their draft {@code opinionId} (the password asked again). */
    public static void signDraft(String official, long opinionId) {
        as(official)
                .body(Map.of("password", PASSWORD))
                .post("/api/opinions/" + opinionId + "/sign")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SIGNED"));
    }

    /** {@code official} drafts an opinion with {@code body} in the session and signs it; returns its id. */
    public static long signOpinion(String official, long sessionId, Map<String, Object> body) {
        long id = draftOpinion(official, sessionId, body);
        signDraft(official, id);
        return id;
    }

    /** {@code chair} issues the session's combined decision (201); returns the decision as JSON. */
    public static io.restassured.path.json.JsonPath issueDecision(String chair, long sessionId) {
        return as(chair)
                .post("/api/sessions/" + sessionId + "/decision")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** A fresh, valid national project code in Zichuan (370303). */
    public static String newProjectCode() {
        return "2026-370303-44-03-%06d".formatted(SERIAL.incrementAndGet());
    }

    /** A valid unified social credit code (check character computed). */
    public static String creditCode(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A valid registration body for {@code applicantId}; change fields with {@link #with}. */
    public static Map<String, Object> projectBody(long applicantId) {
        int n = SERIAL.incrementAndGet();
        Map<String, Object> body = new HashMap<>();
        body.put("projectCode", newProjectCode());
        body.put("name", "年产5万吨高性能新材料项目 " + n);
        body.put("enterpriseName", "淄博测试新材料有限公司");
        body.put("creditCode", creditCode("91370303MA3C%05d".formatted(n % 100_000)));
        body.put("investment", "120000000.00");
        body.put("countyCode", "370303");
        body.put("industry", "C26 化学原料和化学制品制造业");
        body.put("matterType", "investment-approval");
        body.put("applicantId", applicantId);
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    /** A demo person's id, through the directory API. */
    public static long personId(String username) {
        return as("admin")
                .get("/api/people?role=" + role(username))
                .jsonPath()
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

    /** Registers a project (DRAFT) as the coordinator for {@code applicant} and returns its id. */
    public static long registerProject(String applicant) {
        return file("coordinator", projectBody(personId(applicant)));
    }

    /** {@code who} (a coordinator, or the applicant or proxy agent filing online) files {@code body}; returns the new project's id. */
    public static long file(String who, Map<String, Object> body) {
        return as(who).body(body)
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** Takes a registered project to ACCEPTED through the API: submit, pre-review, every material accepted with a file, accept. */
    public static void acceptProject(long id) {
        as("coordinator").post("/api/projects/" + id + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + id + "/pre-review").then().statusCode(200);
        MaterialFiles.acceptAll(id); // each item accepted with an uploaded file version
        as("coordinator").post("/api/projects/" + id + "/accept").then().statusCode(200);
    }

    @Transactional
    public long person(String username) {
        return people.findByUsername(username).orElseThrow().id();
    }

    @Transactional
    public long department(String code) {
        return departments.findByCode(code).orElseThrow().id();
    }

    /** A working day no other test has used, so sessions of different tests never clash. */
    public synchronized LocalDate freeDay() {
        do {
            lastDay = lastDay.plusDays(1);
        } while (!calendar.isWorkingDay(lastDay));
        return lastDay;
    }

    public static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
    }

    /** A project registered, pre-reviewed and accepted (the statutory clock starts now). */
    public long acceptedProject(boolean withAgent) {
        long id = registeredProject(withAgent);
        acceptProject(id);
        return id;
    }

    /** A project registered for the demo applicant, with the demo proxy agent if asked. */
    public long registeredProject(boolean withAgent) {
        Map<String, Object> body = projectBody(person("applicant"));
        if (withAgent) {
            body.put("proxyAgentId", person("agent"));
        }
        return file("coordinator", body);
    }

    /** A valid scheduling request: chair, two required city departments with their officials, the applicant. */
    public Map<String, Object> sessionRequest(long projectId, Instant start) {
        return new java.util.HashMap<>(Map.of(
                "projectId",
                projectId,
                "startsAt",
                start.toString(),
                "durationMinutes",
                90,
                "chairId",
                person("chair"),
                "departments",
                List.of(
                        Map.of("departmentId", department("370300-FGW"), "required", true),
                        Map.of("departmentId", department("370300-ZRZY"), "required", true),
                        Map.of("departmentId", department("370300-ZJ"), "required", false)),
                "participants",
                List.of(
                        Map.of("personId", person("city.drc"), "role", "OFFICIAL"),
                        Map.of("personId", person("city.nr"), "role", "OFFICIAL"),
                        Map.of("personId", person("applicant"), "role", "APPLICANT"))));
    }

    public long schedule(Map<String, Object> request) {
        return ((Number) as("coordinator")
                        .body(request)
                        .post("/api/sessions")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    public static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
