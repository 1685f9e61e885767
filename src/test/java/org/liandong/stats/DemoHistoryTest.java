package org.liandong.stats;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded demo's history, seeded after start-up into the (cleaned) test database exactly as on a
 * fresh {@code java -jar}: the six months before this one have decided cases in every county, with
 * ratings, visits and department figures, and last month's ranking ranks all eight counties.
 */
@QuarkusTest
@TestProfile(DemoHistoryTest.WithHistory.class)
class DemoHistoryTest {

    public static class WithHistory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liandong.demo.history", "true");
        }
    }

    @Test
    void aFreshDemoShowsSixMonthsOfStatistics() {
        YearMonth last = YearMonth.now(StatsSeed.SHANGHAI).minusMonths(1);
        // Seeded in the background after start-up, in one transaction: all of it appears at once.
        await().atMost(Duration.ofMinutes(5))
                .until(() -> as("coordinator")
                                .get("/api/statistics?from=" + last)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getInt("total.decided")
                        > 0);
        JsonPath j = as("coordinator")
                .get("/api/statistics?from=" + last.minusMonths(5) + "&to=" + last)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Integer> decided = j.getList("trend.decided", Integer.class);
        assertEquals(6, decided.size());
        assertTrue(decided.stream().allMatch(n -> n >= 16), "every month has cases in every county: " + decided);
        assertTrue(
                j.getList("counties.figures.decided", Integer.class).stream().allMatch(n -> n >= 12),
                "every county has cases");
        // Figures the charts draw are there, and plausible (the dashboard looks alive, not empty or perfect).
        float onTime = j.getFloat("total.onTimeRate");
        assertTrue(onTime > 60 && onTime < 100, "on-time rate " + onTime);
        assertTrue(j.getInt("total.ratings") > 50);
        assertTrue(j.getFloat("total.zeroVisitShare") > 50 && j.getFloat("total.zeroVisitShare") < 100);
        assertTrue(j.getFloat("total.firstPassRate") < 100);
        assertEquals(3, j.getList("departments").size(), "the three city departments required at every session");
        assertTrue(j.getFloat("departments[0].medianOpinionHours") > 0);

        JsonPath ranking = as("coordinator")
                .get("/api/statistics/ranking?month=" + last)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                8, ranking.getList("rows.rank").stream().filter(r -> r != null).count(), "all eight counties ranked");
        assertTrue(
                ranking.getList("rows.previousRank").stream().allMatch(r -> r != null),
                "rank change since the month before");

        // A demo decision opens as a PDF that says what it is.
        byte[] pdf = DemoHistory.placeholderPdf();
        assertEquals("%PDF-", new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
