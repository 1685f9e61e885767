package org.liandong.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.liandong.directory.DepartmentRepository;
import org.liandong.directory.PersonRepository;
import org.liandong.project.CreditCode;
import org.liandong.project.WorkingDayCalendar;

/** Test data through the real API: accepted projects, demo people and departments, free session days. */
@ApplicationScoped
public class Fixtures {

    public static final String PASSWORD = "liandong-demo";
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

    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, PASSWORD);
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
        as("coordinator").post("/api/projects/" + id + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + id + "/pre-review").then().statusCode(200);
        MaterialFiles.acceptAll(id);
        as("coordinator").post("/api/projects/" + id + "/accept").then().statusCode(200);
        return id;
    }

    public long registeredProject(boolean withAgent) {
        int n = SERIAL.incrementAndGet();
        String first17 = "91370303MA3C%05d".formatted(n % 100_000);
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "projectCode", Api.newProjectCode(),
                "name", "测试项目 Test project " + n, "enterpriseName", "淄博测试有限公司",
                "creditCode", first17 + CreditCode.checkCharacter(first17), "investment", 1000000,
                "countyCode", "370303", "industry", "制造业", "matterType", "investment-approval",
                "applicantId", person("applicant")));
        if (withAgent) {
            body.put("proxyAgentId", person("agent"));
        }
        return ((Number) as("coordinator").contentType(ContentType.JSON).body(body).post("/api/projects")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    /** A valid scheduling request: chair, two required city departments with their officials, the applicant. */
    public Map<String, Object> sessionRequest(long projectId, Instant start) {
        return new java.util.HashMap<>(Map.of(
                "projectId", projectId, "startsAt", start.toString(), "durationMinutes", 90,
                "chairId", person("chair"),
                "departments", List.of(
                        Map.of("departmentId", department("370300-FGW"), "required", true),
                        Map.of("departmentId", department("370300-ZRZY"), "required", true),
                        Map.of("departmentId", department("370300-ZJ"), "required", false)),
                "participants", List.of(
                        Map.of("personId", person("city.drc"), "role", "OFFICIAL"),
                        Map.of("personId", person("city.nr"), "role", "OFFICIAL"),
                        Map.of("personId", person("applicant"), "role", "APPLICANT"))));
    }

    public long schedule(Map<String, Object> request) {
        return ((Number) as("coordinator").contentType(ContentType.JSON).body(request).post("/api/sessions")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    public static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
