package org.liandong.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.stats.StatsSeed.sh;
import static org.liandong.stats.StatsSeed.step;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

/**
 * Every figure against a small dataset whose answers are worked out by hand below, on the real
 * database (H2 by default; PostgreSQL with LIANDONG_DB=postgresql). The records are written with
 * exact Asia/Shanghai times; statistics come from the production code.
 *
 * <pre>
 * 2026 calendar: March has no holidays (Mar 2, 9, 16, 23, 30 are Mondays); Feb 23 is a Spring
 * Festival holiday and Saturday Feb 28 a make-up working day. Limits: investment-approval 20,
 * construction-permit 7 working days. Counting: days after the first day up to and including the
 * last; a supplement pause covers the days after the notice up to and including resubmission.
 *
 * case county      matter  invest outcome    submitted accepted  supplement     decided (Shanghai)   acc net/gross sub net/gross visits
 * A0   370302 张店 inv-20  1亿    APPROVED   Feb 2     Feb 3     -              Feb 5                2/2           -             0
 * C0   370304 博山 con-7   1亿    REJECTED   Feb 2     Feb 2     -              Feb 12               8/8 (late)    -             0
 * A1   370302      inv-20  2亿    APPROVED   Mar 2     Mar 3     -              Mar 10               5/5           6/6           0
 * A2   370302      con-7   1亿    APPR_COND  Mar 2     Mar 2     Mar 5→Mar 10   Mar 13               6/9 (6,9,10   6/9           1
 *                                                                                                     paused)
 * A3   370302      con-7   0.5亿  REJECTED   Mar 16    Mar 17    -              Mar 27               8/8 (late)    9/9           2
 * B1   370303 淄川 inv-20  4亿    APPROVED   Mar 2     Mar 6     Mar 3→Mar 5    Mar 12               4/4           6/8 (4,5      0
 *                                                 (pre-review)                                                     paused)
 * B2   370303      inv-20  1亿    APPROVED   Feb 24    Feb 25    -              Mar 1 06:00 (=Feb 28  3/3 (26,27,   4/4           0
 *                                                                               22:00Z: March)        28 make-up)
 * B3   370303      con-7   2亿    APPROVED   Mar 23    Mar 24    -              Apr 1 07:00 (=Mar 31 23:00Z: April)
 * </pre>
 */
@QuarkusTest
class StatisticsTest {

    @Inject
    StatsDataset dataset;

    @Inject
    StatsSeed seed;

    @Inject
    Fixtures fixtures;

    @Inject
    StatisticsSnapshot snapshot;

    @Inject
    BulletinService bulletins;

    @Inject
    org.liandong.project.WorkingDayCalendar calendar;

    @Inject
    org.liandong.session.SessionService sessions;

    @Inject
    jakarta.persistence.EntityManager em;

    @BeforeEach
    void seedOnce() {
        dataset.ensure();
    }

    private static JsonPath march(String query) {
        return as("observer")
                .get("/api/statistics?from=2026-03" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void countyFiguresOfMarch() {
        JsonPath j = march("");
        String a = "counties.find { it.code == '370302' }.figures.";
        // A1, A2, A3 decided; approved A1 2亿 + A2 1亿 = 3.00亿 (A3 rejected).
        assertEquals(3, j.getInt(a + "decided"));
        assertEquals(2, j.getInt(a + "approved"));
        assertEquals(3.00f, j.getFloat(a + "approvedInvestment"));
        // acceptance, net 5, 6, 8: mean 19/3 = 6.33, median 6; gross 5, 9, 8: mean 22/3 = 7.33, median 8.
        assertEquals(6.33f, j.getFloat(a + "avgDaysFromAcceptanceNet"));
        assertEquals(6.0f, j.getFloat(a + "medianDaysFromAcceptanceNet"));
        assertEquals(7.33f, j.getFloat(a + "avgDaysFromAcceptanceGross"));
        assertEquals(8.0f, j.getFloat(a + "medianDaysFromAcceptanceGross"));
        // submission, net 6, 6, 9: mean 7.00, median 6; gross 6, 9, 9: mean 8.00, median 9.
        assertEquals(7.0f, j.getFloat(a + "avgDaysFromSubmissionNet"));
        assertEquals(6.0f, j.getFloat(a + "medianDaysFromSubmissionNet"));
        assertEquals(8.0f, j.getFloat(a + "avgDaysFromSubmissionGross"));
        assertEquals(9.0f, j.getFloat(a + "medianDaysFromSubmissionGross"));
        // on time: A1 (5 ≤ 20), A2 (6 ≤ 7; the 3 paused days do not count), not A3 (8 > 7): 2/3 = 66.7 %.
        assertEquals(66.7f, j.getFloat(a + "onTimeRate"));
        // first pass: A1, A3 (A2 had one supplement round): 2/3; rounds 1/3 = 0.33.
        assertEquals(66.7f, j.getFloat(a + "firstPassRate"));
        assertEquals(0.33f, j.getFloat(a + "supplementRoundsPerProject"));
        // visits: A1 0, A2 1, A3 2 → zero-visit 1/3 = 33.3 %, at most one 2/3 = 66.7 %.
        assertEquals(33.3f, j.getFloat(a + "zeroVisitShare"));
        assertEquals(66.7f, j.getFloat(a + "atMostOneVisitShare"));
        // ratings in March: A1 5, A2 2 → 2 ratings, mean 3.5, 4–5 stars 1/2 = 50 % (A3's April rating excluded).
        assertEquals(2, j.getInt(a + "ratings"));
        assertEquals(3.5f, j.getFloat(a + "meanRating"));
        assertEquals(50.0f, j.getFloat(a + "satisfiedShare"));

        String b = "counties.find { it.code == '370303' }.figures.";
        // B1 and B2 (decided Mar 1 06:00 Shanghai = Feb 28 22:00 UTC); not B3 (Apr 1 07:00 Shanghai = Mar 31 23:00
        // UTC).
        assertEquals(2, j.getInt(b + "decided"));
        assertEquals(5.00f, j.getFloat(b + "approvedInvestment"));
        // acceptance net 4, 3 (B2: Feb 26, 27 and the make-up Saturday 28): mean = median = 3.5.
        assertEquals(3.5f, j.getFloat(b + "avgDaysFromAcceptanceNet"));
        assertEquals(3.5f, j.getFloat(b + "medianDaysFromAcceptanceNet"));
        // submission: B1 gross 8 (Mar 3..12), net 6 (pre-review pause Mar 4, 5 excluded); B2 4 → means 5.0 net, 6.0
        // gross.
        assertEquals(5.0f, j.getFloat(b + "avgDaysFromSubmissionNet"));
        assertEquals(6.0f, j.getFloat(b + "avgDaysFromSubmissionGross"));
        assertEquals(100.0f, j.getFloat(b + "onTimeRate"));
        assertEquals(50.0f, j.getFloat(b + "firstPassRate"));
        assertEquals(100.0f, j.getFloat(b + "zeroVisitShare"));
        assertEquals(4.0f, j.getFloat(b + "meanRating"));

        // 博山 had no decision in March: zero count, every rate null (no data), not 0.
        String c = "counties.find { it.code == '370304' }.figures.";
        assertEquals(0, j.getInt(c + "decided"));
        assertNull(j.get(c + "onTimeRate"));
        assertNull(j.get(c + "avgDaysFromAcceptanceNet"));
    }

    @Test
    void totalTrendAndSatisfactionOfMarch() {
        JsonPath j = march("");
        // 5 decided (A1 A2 A3 B1 B2), approved 4: 2 + 1 + 4 + 1 = 8.00 亿.
        assertEquals(5, j.getInt("total.decided"));
        assertEquals(4, j.getInt("total.approved"));
        assertEquals(8.00f, j.getFloat("total.approvedInvestment"));
        // acceptance net 5 6 8 4 3: 26/5 = 5.2, median 5; gross 5 9 8 4 3: 29/5 = 5.8, median 5.
        assertEquals(5.2f, j.getFloat("total.avgDaysFromAcceptanceNet"));
        assertEquals(5.0f, j.getFloat("total.medianDaysFromAcceptanceNet"));
        assertEquals(5.8f, j.getFloat("total.avgDaysFromAcceptanceGross"));
        // submission net 6 6 9 6 4: 31/5 = 6.2, median 6; gross 6 9 9 8 4: 36/5 = 7.2, median 8.
        assertEquals(6.2f, j.getFloat("total.avgDaysFromSubmissionNet"));
        assertEquals(6.0f, j.getFloat("total.medianDaysFromSubmissionNet"));
        assertEquals(7.2f, j.getFloat("total.avgDaysFromSubmissionGross"));
        assertEquals(8.0f, j.getFloat("total.medianDaysFromSubmissionGross"));
        assertEquals(80.0f, j.getFloat("total.onTimeRate")); // 4/5
        assertEquals(60.0f, j.getFloat("total.firstPassRate")); // A1 A3 B2: 3/5
        assertEquals(0.4f, j.getFloat("total.supplementRoundsPerProject")); // 2/5
        assertEquals(60.0f, j.getFloat("total.zeroVisitShare")); // A1 B1 B2: 3/5
        assertEquals(80.0f, j.getFloat("total.atMostOneVisitShare")); // 4/5
        // ratings 5 2 3 5: 4, mean 15/4 = 3.75, 4–5 stars 2/4 = 50 %; distribution by star 1..5.
        assertEquals(4, j.getInt("total.ratings"));
        assertEquals(3.75f, j.getFloat("total.meanRating"));
        assertEquals(50.0f, j.getFloat("total.satisfiedShare"));
        assertEquals(java.util.List.of(0, 1, 1, 0, 2), j.getList("satisfaction.distribution"));
        // lowest first: A2's 2 stars, then B1's 3 stars; no 5-star comment.
        assertEquals(java.util.List.of("等待太久", "材料要求不清楚"), j.getList("satisfaction.lowest.comment"));

        JsonPath q = as("admin")
                .get("/api/statistics?from=2026-02&to=2026-04")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(java.util.List.of("2026-02", "2026-03", "2026-04"), q.getList("trend.month"));
        assertEquals(java.util.List.of(2, 5, 1), q.getList("trend.decided"));
        // Feb: A0 2 and C0 8 → 5.0, on time 1/2; Mar 5.2, 80 %; Apr: B3 Mar 25, 26, 27, 30, 31, Apr 1 = 6 → 100 %.
        assertEquals(java.util.List.of(5.0f, 5.2f, 6.0f), q.getList("trend.avgDaysFromAcceptanceNet", Float.class));
        assertEquals(java.util.List.of(50.0f, 80.0f, 100.0f), q.getList("trend.onTimeRate", Float.class));
    }

    @Test
    void departmentResponsiveness() {
        // The overdue-session job (every 30 s) concludes S2, still IN_PROGRESS months after its end, at "now":
        // run it here so the figure never depends on whether it has fired yet. Its late "concluded" event is
        // not the end of the session; S2 keeps its scheduled end.
        sessions.concludeOverdue();
        JsonPath j = march("");
        String fgw = "departments.find { it.code == '370300-FGW' }.";
        // S1 and S2 (S3 cancelled, S4 in April): 2 places, present both times, 14:05 is within the 5 min grace.
        assertEquals(2, j.getInt(fgw + "requiredPlaces"));
        assertEquals(0.0f, j.getFloat(fgw + "absentRate"));
        assertEquals(0.0f, j.getFloat(fgw + "lateRate"));
        // first revisions: 1.0 h after S1 concluded (10:30 → 11:30), 3.0 h after S2's scheduled end; median 2.0.
        assertEquals(2, j.getInt(fgw + "opinionsSigned"));
        assertEquals(2.0f, j.getFloat(fgw + "medianOpinionHours"));
        String sthj = "departments.find { it.code == '370300-STHJ' }.";
        assertEquals(2, j.getInt(sthj + "requiredPlaces"));
        assertEquals(50.0f, j.getFloat(sthj + "absentRate")); // absent from S2
        assertEquals(50.0f, j.getFloat(sthj + "lateRate")); // 7 min late at S1
        assertEquals(0.0f, j.getFloat(sthj + "medianOpinionHours")); // signed before the end

        // The county filter keeps only 淄川 (B1's session S2).
        JsonPath z = march("&county=370303");
        assertEquals(java.util.List.of("370303"), z.getList("counties.code"));
        assertEquals(2, z.getInt("total.decided"));
        assertEquals(100.0f, z.getFloat("departments.find { it.code == '370300-STHJ' }.absentRate"));
    }

    @Test
    void aSessionInProgressIsReadLiveAndMovesIntoTheSnapshotWhenConcluded() {
        // May 2026 in 桓台 (370321), nothing else there: a session started on May 11 09:00 and still in progress
        // (scheduled to end tomorrow, so the overdue job leaves it alone). FGW joined at 09:20 (late), STHJ never
        // (absent); FGW signed during the session (0 h).
        long chair = fixtures.person("chair");
        long drc = fixtures.person("city.drc");
        long fgw = fixtures.department("370300-FGW");
        long sthj = fixtures.department("370300-STHJ");
        long[] p = seed.project(
                "370321",
                "investment-approval",
                1_000_000L,
                fixtures.person("applicant"),
                chair,
                null,
                step("submitted", "2026-05-04T09:00"));
        long s = seed.session(
                p[0], sh("2026-05-11T09:00"), java.time.Instant.now().plusSeconds(86_400), "IN_PROGRESS", chair);
        seed.required(s, fgw);
        seed.required(s, sthj);
        seed.attend(s, drc, fgw, sh("2026-05-11T09:20"));
        seed.opinion(s, fgw, drc, 1, sh("2026-05-11T10:00"));
        snapshot.rebuild(); // records written without the services: the rule says rebuild
        String fgwRow = "departments.find { it.code == '370300-FGW' }.";
        String sthjRow = "departments.find { it.code == '370300-STHJ' }.";
        for (int pass = 0; pass < 2; pass++) {
            // Pass 0: the places come from the live part; pass 1: after the chair concluded the session, whose
            // conclusion recomputed the cell in its own transaction, from the snapshot. Same figures.
            JsonPath j = as("observer")
                    .get("/api/statistics?from=2026-05&county=370321")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(1, j.getInt(fgwRow + "requiredPlaces"), "pass " + pass);
            assertEquals(100.0f, j.getFloat(fgwRow + "lateRate"), "pass " + pass);
            assertEquals(0.0f, j.getFloat(fgwRow + "absentRate"), "pass " + pass);
            assertEquals(1, j.getInt(fgwRow + "opinionsSigned"), "pass " + pass);
            assertEquals(0.0f, j.getFloat(fgwRow + "medianOpinionHours"), "pass " + pass);
            assertEquals(100.0f, j.getFloat(sthjRow + "absentRate"), "pass " + pass);
            if (pass == 0) {
                sessions.conclude(s, "chair");
                assertEquals(
                        1L,
                        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                                .call(() -> ((Number) em.createNativeQuery("select sum(places) from stats_month_place "
                                                        + "where ym = '2026-05' and county_code = '370321' "
                                                        + "and department_id = " + fgw)
                                                .getSingleResult())
                                        .longValue()),
                        "the conclusion wrote the place into the snapshot");
            }
        }
    }

    @Test
    void rankingWithChangeSinceLastMonth() {
        // February: A0 on time 100, first pass 100, speed 100 × (1 − 2/20) = 90, ≤1 visit 100, no ratings →
        // (0.30·100 + 0.20·100 + 0.20·90 + 0.15·100) / 0.85 = 97.65; C0: (0 + 20 + 0 + 15) / 0.85 = 41.18.
        as("coordinator")
                .get("/api/statistics/ranking?month=2026-02")
                .then()
                .statusCode(200)
                .body("rows.find { it.code == '370302' }.rank", equalTo(1))
                .body("rows.find { it.code == '370302' }.score", equalTo(97.65f))
                .body("rows.find { it.code == '370304' }.rank", equalTo(2))
                .body("rows.find { it.code == '370304' }.score", equalTo(41.18f));
        // March: B 100·0.30 + 50·0.20 + 82.5·0.20 + 100·0.15 + 50·0.15 = 79.00 (speed 100 × (1 − (4/20 + 3/20)/2));
        // A 66.7·0.30 + 66.7·0.20 + 29.8·0.20 + 66.7·0.15 + 50·0.15 = 56.815 → 56.82
        // (speed 100 × (1 − (5/20 + 6/7 + 1)/3) = 29.8). A falls from 1 to 2; B is new; 博山 not ranked.
        as("coordinator")
                .get("/api/statistics/ranking?month=2026-03")
                .then()
                .statusCode(200)
                .body("previousMonth", equalTo("2026-02"))
                .body("weights.onTime", equalTo(0.30f))
                .body("rows[0].code", equalTo("370303"))
                .body("rows[0].rank", equalTo(1))
                .body("rows[0].score", equalTo(79.0f))
                .body("rows[0].speed", equalTo(82.5f))
                .body("rows[0].previousRank", nullValue())
                .body("rows[0].change", nullValue())
                .body("rows[1].code", equalTo("370302"))
                .body("rows[1].rank", equalTo(2))
                .body("rows[1].score", equalTo(56.82f))
                .body("rows[1].speed", equalTo(29.8f))
                .body("rows[1].previousRank", equalTo(1))
                .body("rows[1].change", equalTo(-1))
                .body("rows.find { it.code == '370304' }.rank", nullValue())
                .body("rows.find { it.code == '370304' }.previousRank", equalTo(2));
    }

    @Test
    void aMonthWithoutDataAndTheAprilSideOfTheBoundary() {
        JsonPath none = as("coordinator")
                .get("/api/statistics?from=2024-01&to=2024-03")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(0, none.getInt("total.decided"));
        assertNull(none.get("total.onTimeRate"));
        assertNull(none.get("total.meanRating"));
        assertEquals(java.util.List.of(0, 0, 0), none.getList("trend.decided"));
        as("coordinator")
                .get("/api/statistics/ranking?month=2024-01")
                .then()
                .statusCode(200)
                .body("rows.rank.findAll { it != null }", hasSize(0));
        // April holds B3 and A3's rating given at 00:30 on April 1 in Shanghai (still March 31 in UTC).
        JsonPath april = as("coordinator")
                .get("/api/statistics?from=2026-04")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, april.getInt("total.decided"));
        assertEquals(1, april.getInt("counties.find { it.code == '370302' }.figures.ratings"));
        assertEquals(4.0f, april.getFloat("counties.find { it.code == '370302' }.figures.meanRating"));
    }

    @Test
    void exportsOpenInExcel() throws Exception {
        byte[] csv = as("coordinator")
                .get("/api/statistics.csv?from=2026-03")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asByteArray();
        assertEquals(0xEF, csv[0] & 0xFF, "UTF-8 byte-order mark for zh-CN Excel");
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("370302,张店区,Zhangdian District,3,2,3.00,6.33,6.0"), text);
        assertTrue(text.contains("\r\n"));

        byte[] xlsx = as("coordinator")
                .get("/api/statistics.xlsx?from=2026-03")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString("statistics-2026-03.xlsx"))
                .extract()
                .asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet counties = wb.getSheet("counties");
            assertTrue(counties.getRow(0).getCell(3).getStringCellValue().startsWith("办结项目数（件）"));
            Row zhangdian = null;
            for (Row r : counties) {
                if ("370302".equals(r.getCell(0).getStringCellValue())) {
                    zhangdian = r;
                }
            }
            assertEquals("张店区", zhangdian.getCell(1).getStringCellValue());
            assertEquals(3.0, zhangdian.getCell(3).getNumericCellValue());
            assertEquals(66.7, zhangdian.getCell(14).getNumericCellValue(), 1e-9);
            assertEquals("370303", wb.getSheet("ranking").getRow(1).getCell(3).getStringCellValue());
            assertEquals(Figure.values().length, wb.getSheet("definitions").getLastRowNum());
        }
    }

    @Test
    void whoMayAskAndBadInput() {
        as("applicant").get("/api/statistics?from=2026-03").then().statusCode(403);
        as("agent").get("/api/statistics/ranking?month=2026-03").then().statusCode(403);
        as("agent").get("/api/statistics.xlsx?from=2026-03").then().statusCode(403);
        given().get("/api/statistics?from=2026-03").then().statusCode(401);
        as("coordinator")
                .get("/api/statistics?from=2026-13")
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"))
                .body("errors.field", contains("from"));
        as("coordinator")
                .get("/api/statistics?from=2026-03&to=2026-01")
                .then()
                .statusCode(400)
                .body("errors.field", contains("to"));
        as("coordinator")
                .get("/api/statistics?from=2020-01&to=2026-01")
                .then()
                .statusCode(400)
                .body("errors.field", contains("to"));
        as("coordinator")
                .get("/api/statistics?from=2026-03&county=999999")
                .then()
                .statusCode(400)
                .body("errors.field", contains("county"));
        as("coordinator").get("/api/statistics/ranking").then().statusCode(400).body("errors.field", contains("month"));
        as("coordinator")
                .get("/api/statistics.csv?from=2026-03&table=nope")
                .then()
                .statusCode(400)
                .body("errors.field", contains("table"));
        as("observer")
                .get("/api/statistics/figures")
                .then()
                .statusCode(200)
                .body("size()", equalTo(Figure.values().length))
                .body("find { it.field == 'onTimeRate' }.unitEn", equalTo("%"));
    }

    @Test
    void visitsAreCheckedAndOnlyCoordinatorsLogThem() {
        long applicant = fixtures.person("applicant");
        long[] p = seed.project(
                "370305",
                "investment-approval",
                1_000_000L,
                applicant,
                fixtures.person("chair"),
                null,
                step("submitted", "2026-05-06T09:00"));
        String path = "/api/projects/" + p[0] + "/visits";
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("visitedAt", sh("2026-05-07T09:00").toString(), "purpose", "OTHER"))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", contains("note"));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("visitedAt", "2999-01-01T00:00:00Z", "purpose", "SESSION"))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", contains("visitedAt"));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("visitedAt", sh("2026-05-01T09:00").toString(), "purpose", "SESSION"))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", contains("visitedAt")); // before registration
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("visitedAt", sh("2026-05-07T09:00").toString(), "purpose", "NOPE"))
                .post(path)
                .then()
                .statusCode(400);
        as("applicant")
                .contentType(ContentType.JSON)
                .body(Map.of("visitedAt", sh("2026-05-07T09:00").toString(), "purpose", "SESSION"))
                .post(path)
                .then()
                .statusCode(403);
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("visitedAt", sh("2026-05-07T09:00").toString(), "purpose", "SESSION"))
                .post("/api/projects/999999999/visits")
                .then()
                .statusCode(404);
        as("observer").get(path).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void bulletinIsPublishedOnceAndStaysFrozen() throws Exception {
        as("applicant").get("/api/statistics/bulletins").then().statusCode(403);
        as("observer")
                .contentType(ContentType.JSON)
                .body(Map.of("month", "2026-03"))
                .post("/api/statistics/bulletins")
                .then()
                .statusCode(403);
        String sha = as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("month", "2026-03"))
                .post("/api/statistics/bulletins")
                .then()
                .statusCode(201)
                .body("month", equalTo("2026-03"))
                .body("decided", equalTo(5))
                .extract()
                .path("pdfSha256");
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("month", "2026-03"))
                .post("/api/statistics/bulletins")
                .then()
                .statusCode(409)
                .body("type", containsString("bulletin-published"));
        String thisMonth = java.time.YearMonth.now(StatsSeed.SHANGHAI).toString();
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("month", thisMonth))
                .post("/api/statistics/bulletins")
                .then()
                .statusCode(409)
                .body("type", containsString("month-not-over"));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("month", "March"))
                .post("/api/statistics/bulletins")
                .then()
                .statusCode(400)
                .body("errors.field", contains("month"));

        byte[] pdf = as("observer")
                .get("/api/statistics/bulletins/2026-03.pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        assertEquals(
                sha,
                java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(pdf)));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("2026年3月投资项目远程视频联审工作通报"), text);
            assertTrue(text.contains("办结项目 5 件"), text);
            assertTrue(text.contains("8.00 亿元"), text);
            assertTrue(text.contains("淄川区"), text);
            assertTrue(text.contains("等待太久"), text); // a low rating to follow up
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/stats-sample"));
            java.nio.file.Files.write(java.nio.file.Path.of("target/stats-sample/bulletin-2026-03.pdf"), pdf);
        }
        as("coordinator")
                .get("/api/statistics/bulletins")
                .then()
                .statusCode(200)
                .body("find { it.month == '2026-03' }.pdfSha256", equalTo(sha));
        as("coordinator")
                .get("/api/statistics/bulletins/2026-03.html")
                .then()
                .statusCode(200)
                .body(containsString("data:image/png;base64,"))
                .body(containsString("综合排名"));
        as("coordinator").get("/api/statistics/bulletins/2031-01.pdf").then().statusCode(404);

        // Frozen: June's bulletin keeps its figures when a late record changes the live statistics.
        long applicant = fixtures.person("applicant");
        long chair = fixtures.person("chair");
        seed.project(
                "370306",
                "investment-approval",
                100_000_000L,
                applicant,
                chair,
                "APPROVED",
                step("submitted", "2026-06-01T09:00"),
                step("accepted", "2026-06-02T09:00"),
                step("decided", "2026-06-08T15:00"));
        snapshot.rebuild();
        as("admin")
                .contentType(ContentType.JSON)
                .body(Map.of("month", "2026-06"))
                .post("/api/statistics/bulletins")
                .then()
                .statusCode(201)
                .body("decided", equalTo(1));
        String htmlBefore = as("coordinator")
                .get("/api/statistics/bulletins/2026-06.html")
                .then()
                .extract()
                .asString();
        seed.project(
                "370306",
                "investment-approval",
                100_000_000L,
                applicant,
                chair,
                "APPROVED",
                step("submitted", "2026-06-01T09:00"),
                step("accepted", "2026-06-02T09:00"),
                step("decided", "2026-06-09T15:00"));
        snapshot.rebuild();
        as("coordinator").get("/api/statistics?from=2026-06").then().body("total.decided", equalTo(2));
        assertEquals(
                htmlBefore,
                as("coordinator")
                        .get("/api/statistics/bulletins/2026-06.html")
                        .then()
                        .extract()
                        .asString());
        byte[] xlsx = as("coordinator")
                .get("/api/statistics/bulletins/2026-06.xlsx")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet counties = wb.getSheet("counties");
            Row total = counties.getRow(counties.getLastRowNum());
            assertEquals("合计", total.getCell(1).getStringCellValue());
            assertEquals(1.0, total.getCell(3).getNumericCellValue());
        }
    }

    @Test
    void scheduledPublicationCatchesUpOnceDue() {
        // On or after the first working day of this month (real clock), last month's bulletin is due; before it, not
        // yet.
        java.time.LocalDate today = java.time.LocalDate.now(StatsSeed.SHANGHAI);
        java.time.LocalDate firstWorkingDay = today.withDayOfMonth(1);
        while (!calendar.isWorkingDay(firstWorkingDay)) {
            firstWorkingDay = firstWorkingDay.plusDays(1);
        }
        String last = java.time.YearMonth.from(today).minusMonths(1).toString();
        bulletins.publishDue();
        bulletins.publishDue(); // already there (or still not due): nothing happens
        as("coordinator")
                .get("/api/statistics/bulletins")
                .then()
                .statusCode(200)
                .body(
                        "find { it.month == '" + last + "' }.publishedBy",
                        today.isBefore(firstWorkingDay) ? nullValue() : equalTo("system"));
    }
}
