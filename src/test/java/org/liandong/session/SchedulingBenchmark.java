package org.liandong.session;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.liandong.project.WorkingDayCalendar;
import org.liandong.support.Fixtures;

/**
 * Benchmark, not a test (its name does not end in Test, so the normal build skips it; run it with
 * bench/sessions.sh). Seeds 2,000 people and 10,000 sessions (about 60,000 invitations) straight
 * into the database, then times the clash check and the create call over real HTTP. Writes the
 * figures to target/bench/sessions.txt; asserts nothing about time.
 */
@QuarkusTest
class SchedulingBenchmark {

    static final int PEOPLE = Integer.getInteger("bench.people", 2000);
    static final int SESSIONS = Integer.getInteger("bench.sessions", 10_000);
    static final int SAMPLES = Integer.getInteger("bench.samples", 400);
    static final int WARMUP = Integer.getInteger("bench.warmup", 100);
    static final long BASE_ID = 1_000_000;

    @Inject
    DataSource db;

    @Inject
    WorkingDayCalendar calendar;

    private final Random random = new Random(42);
    private final List<LocalDate> days = new ArrayList<>();
    private long[] departments;
    private final Map<Long, List<Long>> officialsByDept = new HashMap<>();
    private final List<Long> chairs = new ArrayList<>();
    private final List<Long> projects = new ArrayList<>();
    private final Map<Long, Long> applicantOf = new HashMap<>();

    @Test
    void conflictCheckAndCreateWithTenThousandSessions() throws Exception {
        long t0 = System.nanoTime();
        seed();
        double seedSeconds = (System.nanoTime() - t0) / 1e9;

        // Sign in once, like the web app: HTTP Basic would add a bcrypt check (tens of ms) to every call.
        String cookie = io.restassured.RestAssured.given()
                .formParam("j_username", "coordinator")
                .formParam("j_password", Fixtures.PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(200)
                .extract()
                .cookie("quarkus-credential");
        long[] check = new long[SAMPLES];
        long[] create = new long[SAMPLES];
        int created = 0;
        int clashed = 0;
        for (int i = -WARMUP; i < SAMPLES; i++) {
            Map<String, Object> r = request();
            long a = System.nanoTime();
            signedIn(cookie).body(r).post("/api/sessions/check").then().statusCode(200);
            long b = System.nanoTime();
            Response res = signedIn(cookie).body(r).post("/api/sessions");
            long c = System.nanoTime();
            if (res.statusCode() != 201 && res.statusCode() != 409) {
                throw new AssertionError("unexpected " + res.statusCode() + ": " + res.asString());
            }
            if (i >= 0) {
                check[i] = b - a;
                create[i] = c - b;
                if (res.statusCode() == 201) {
                    created++;
                } else {
                    clashed++;
                }
            }
        }
        String report = String.format(
                Locale.ROOT,
                """
                database: %s
                seeded: %d people, %d sessions, %d invitations in %.1f s
                samples: %d (after %d warm-up), create: %d created, %d refused with clashes
                POST /api/sessions/check  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms
                POST /api/sessions        p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms
                """,
                product(),
                PEOPLE,
                SESSIONS,
                count("session_invitation"),
                seedSeconds,
                SAMPLES,
                WARMUP,
                created,
                clashed,
                pct(check, 50),
                pct(check, 95),
                pct(check, 99),
                pct(check, 100),
                pct(create, 50),
                pct(create, 95),
                pct(create, 99),
                pct(create, 100));
        Path out = Path.of("target/bench/sessions.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static io.restassured.specification.RequestSpecification signedIn(String cookie) {
        return io.restassured.RestAssured.given()
                .cookie("quarkus-credential", cookie)
                .contentType(ContentType.JSON);
    }

    private Map<String, Object> request() {
        long dept1 = departments[random.nextInt(departments.length)];
        long dept2;
        do {
            dept2 = departments[random.nextInt(departments.length)];
        } while (dept2 == dept1);
        long project = projects.get(random.nextInt(projects.size()));
        LocalDate day = days.get(random.nextInt(days.size()));
        Instant start = Fixtures.at(day, 9 + random.nextInt(6), random.nextBoolean() ? 0 : 30);
        return Map.of(
                "projectId",
                project,
                "startsAt",
                start.toString(),
                "durationMinutes",
                60,
                "chairId",
                chairs.get(random.nextInt(chairs.size())),
                "departments",
                List.of(
                        Map.of("departmentId", dept1, "required", true),
                        Map.of("departmentId", dept2, "required", true)),
                "participants",
                List.of(
                        Map.of("personId", pick(officialsByDept.get(dept1)), "role", "OFFICIAL"),
                        Map.of("personId", pick(officialsByDept.get(dept2)), "role", "OFFICIAL"),
                        Map.of("personId", applicantOf.get(project), "role", "APPLICANT")));
    }

    private long pick(List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    private void seed() throws Exception {
        for (LocalDate d = LocalDate.of(2027, 1, 4); days.size() < 500; d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                days.add(d);
            }
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            String hash;
            try (ResultSet rs =
                    c.createStatement().executeQuery("select password_hash from person where username = 'chair'")) {
                rs.next();
                hash = rs.getString(1);
            }
            List<Long> deptIds = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("select id from department order by id")) {
                while (rs.next()) {
                    deptIds.add(rs.getLong(1));
                }
            }
            departments = deptIds.stream().mapToLong(Long::longValue).toArray();
            // People: 85% officials spread over the departments (5% of them may chair), 15% applicants.
            List<Long> applicants = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("insert into person (id, username, password_hash, roles, display_name, "
                            + "email, department_id, may_chair, version) values (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                for (int i = 0; i < PEOPLE; i++) {
                    long id = BASE_ID + i;
                    boolean official = i % 100 < 85;
                    long dept = departments[i % departments.length];
                    boolean chair = official && i % 20 == 0;
                    ps.setLong(1, id);
                    ps.setString(2, "bench" + i);
                    ps.setString(3, hash);
                    ps.setString(4, official ? "official" : "applicant");
                    ps.setString(5, "测试" + i);
                    ps.setString(6, "bench" + i + "@bench.liandong.org");
                    if (official) {
                        ps.setLong(7, dept);
                        officialsByDept
                                .computeIfAbsent(dept, k -> new ArrayList<>())
                                .add(id);
                    } else {
                        ps.setNull(7, java.sql.Types.BIGINT);
                        applicants.add(id);
                    }
                    ps.setBoolean(8, chair);
                    if (chair) {
                        chairs.add(id);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // Accepted projects, one per applicant.
            OffsetDateTime accepted = OffsetDateTime.of(2026, 12, 1, 2, 0, 0, 0, ZoneOffset.UTC);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into project (id, project_code, name, enterprise_name, credit_code, "
                            + "investment, county_code, industry, matter_type_code, applicant_id, status, created_at, accepted_at, version) "
                            + "values (?, ?, ?, ?, '91370303MA3C00000X', 1000000, '370303', 'bench', 'investment-approval', ?, 'ACCEPTED', ?, ?, 0)")) {
                for (int i = 0; i < applicants.size(); i++) {
                    long id = BASE_ID + i;
                    ps.setLong(1, id);
                    ps.setString(2, "2027-370303-99-99-%06d".formatted(i));
                    ps.setString(3, "基准项目 Bench project " + i);
                    ps.setString(4, "基准企业 " + i);
                    ps.setLong(5, applicants.get(i));
                    ps.setObject(6, accepted);
                    ps.setObject(7, accepted);
                    ps.addBatch();
                    projects.add(id);
                    applicantOf.put(id, applicants.get(i));
                }
                ps.executeBatch();
            }
            // Sessions: random 60–120 minute slots in working hours over 500 working days, each with
            // the chair, two required departments with an official each, two optional officials, the applicant.
            try (PreparedStatement s = c.prepareStatement(
                            "insert into review_session (id, project_id, title, starts_at, ends_at, "
                                    + "duration_minutes, chair_id, status, sequence, created_at, version) values (?, ?, 'bench', ?, ?, ?, ?, 'SCHEDULED', 0, ?, 0)");
                    PreparedStatement d = c.prepareStatement(
                            "insert into session_department (session_id, department_id, required) values (?, ?, ?)");
                    PreparedStatement inv = c.prepareStatement(
                            "insert into session_invitation (session_id, person_id, role, department_id, invited_at) "
                                    + "values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < SESSIONS; i++) {
                    long id = BASE_ID + i;
                    long project = projects.get(random.nextInt(projects.size()));
                    int minutes = 60 + 30 * random.nextInt(3);
                    Instant start = Fixtures.at(days.get(random.nextInt(days.size())), 9 + random.nextInt(6), 0);
                    long chair = chairs.get(random.nextInt(chairs.size()));
                    s.setLong(1, id);
                    s.setLong(2, project);
                    s.setObject(3, start.atOffset(ZoneOffset.UTC));
                    s.setObject(4, start.plusSeconds(60L * minutes).atOffset(ZoneOffset.UTC));
                    s.setInt(5, minutes);
                    s.setLong(6, chair);
                    s.setObject(7, accepted);
                    s.addBatch();
                    invite(inv, id, chair, "CHAIR", null, accepted);
                    long[] chosen = random.ints(0, departments.length)
                            .distinct()
                            .limit(4)
                            .mapToLong(k -> departments[k])
                            .toArray();
                    for (int k = 0; k < chosen.length; k++) {
                        d.setLong(1, id);
                        d.setLong(2, chosen[k]);
                        d.setBoolean(3, k < 2);
                        d.addBatch();
                        invite(inv, id, pick(officialsByDept.get(chosen[k])), "OFFICIAL", chosen[k], accepted);
                    }
                    invite(inv, id, applicantOf.get(project), "APPLICANT", null, accepted);
                    if (i % 1000 == 999) {
                        s.executeBatch();
                        d.executeBatch();
                        inv.executeBatch();
                    }
                }
                s.executeBatch();
                d.executeBatch();
                inv.executeBatch();
            }
            c.commit();
        }
    }

    private static void invite(
            PreparedStatement inv, long session, long person, String role, Long dept, OffsetDateTime at)
            throws Exception {
        inv.setLong(1, session);
        inv.setLong(2, person);
        inv.setString(3, role);
        if (dept == null) {
            inv.setNull(4, java.sql.Types.BIGINT);
        } else {
            inv.setLong(4, dept);
        }
        inv.setObject(5, at);
        inv.addBatch();
    }

    private long count(String table) throws Exception {
        try (Connection c = db.getConnection();
                ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String product() throws Exception {
        try (Connection c = db.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int idx = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1e6;
    }
}
