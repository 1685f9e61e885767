package org.liandong.stats;

import static org.hamcrest.Matchers.equalTo;
import static org.liandong.stats.StatsSeed.sh;
import static org.liandong.stats.StatsSeed.step;
import static org.liandong.support.Fixtures.as;

import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.liandong.support.Fixtures;

/**
 * The hand-computed dataset of {@link StatisticsTest} (see its Javadoc for the table), seeded once per
 * application (and so per test database) for every test that needs it.
 */
@ApplicationScoped
public class StatsDataset {

    private final StatsSeed seed;
    private final Fixtures fixtures;
    private final StatisticsSnapshot snapshot;
    private boolean seeded;

    StatsDataset(StatsSeed seed, Fixtures fixtures, StatisticsSnapshot snapshot) {
        this.seed = seed;
        this.fixtures = fixtures;
        this.snapshot = snapshot;
    }

    public synchronized void ensure() {
        if (seeded) {
            return;
        }
        long applicant = fixtures.person("applicant");
        long chair = fixtures.person("chair");
        long drc = fixtures.person("city.drc");
        long eco = fixtures.person("city.eco");
        long fgw = fixtures.department("370300-FGW");
        long sthj = fixtures.department("370300-STHJ");

        seed.project(
                "370302",
                "investment-approval",
                100_000_000L,
                applicant,
                chair,
                "APPROVED",
                step("submitted", "2026-02-02T09:00"),
                step("accepted", "2026-02-03T10:00"),
                step("review-started", "2026-02-05T09:00"),
                step("decided", "2026-02-05T15:00"));
        seed.project(
                "370304",
                "construction-permit",
                100_000_000L,
                applicant,
                chair,
                "REJECTED",
                step("submitted", "2026-02-02T09:00"),
                step("accepted", "2026-02-02T10:00"),
                step("review-started", "2026-02-12T09:00"),
                step("decided", "2026-02-12T15:00"));
        long[] a1 = seed.project(
                "370302",
                "investment-approval",
                200_000_000L,
                applicant,
                chair,
                "APPROVED",
                step("submitted", "2026-03-02T09:00"),
                step("accepted", "2026-03-03T10:00"),
                step("review-started", "2026-03-10T09:00"),
                step("decided", "2026-03-10T15:00"));
        long[] a2 = seed.project(
                "370302",
                "construction-permit",
                100_000_000L,
                applicant,
                chair,
                "APPROVED_WITH_CONDITIONS",
                step("submitted", "2026-03-02T09:00"),
                step("accepted", "2026-03-02T11:00"),
                step("review-started", "2026-03-05T09:00"),
                step("supplement-requested", "2026-03-05T15:00"),
                step("resubmitted", "2026-03-10T09:30"),
                step("review-started", "2026-03-13T09:00"),
                step("decided", "2026-03-13T15:00"));
        long[] a3 = seed.project(
                "370302",
                "construction-permit",
                50_000_000L,
                applicant,
                chair,
                "REJECTED",
                step("submitted", "2026-03-16T09:00"),
                step("accepted", "2026-03-17T10:00"),
                step("review-started", "2026-03-27T09:00"),
                step("decided", "2026-03-27T15:00"));
        long[] b1 = seed.project(
                "370303",
                "investment-approval",
                400_000_000L,
                applicant,
                chair,
                "APPROVED",
                step("submitted", "2026-03-02T09:00"),
                step("pre-review-started", "2026-03-03T09:00"),
                step("supplement-requested", "2026-03-03T11:00"),
                step("resubmitted", "2026-03-05T09:00"),
                step("accepted", "2026-03-06T10:00"),
                step("review-started", "2026-03-12T09:00"),
                step("decided", "2026-03-12T15:00"));
        long[] b2 = seed.project(
                "370303",
                "investment-approval",
                100_000_000L,
                applicant,
                chair,
                "APPROVED",
                step("submitted", "2026-02-24T09:00"),
                step("accepted", "2026-02-25T10:00"),
                step("review-started", "2026-02-28T09:00"),
                step("decided", "2026-03-01T06:00"));
        long[] b3 = seed.project(
                "370303",
                "construction-permit",
                200_000_000L,
                applicant,
                chair,
                "APPROVED",
                step("submitted", "2026-03-23T09:00"),
                step("accepted", "2026-03-24T10:00"),
                step("review-started", "2026-03-31T09:00"),
                step("decided", "2026-04-01T07:00"));
        // Not decided: counts nowhere.
        seed.project(
                "370304",
                "construction-permit",
                300_000_000L,
                applicant,
                chair,
                null,
                step("submitted", "2026-03-02T09:00"),
                step("accepted", "2026-03-03T10:00"));

        // Visits, logged through the API by a coordinator (A2 once, A3 twice: submission and collecting the paper
        // decision).
        logVisit(a2[0], "2026-03-10T09:30", "SUPPLEMENT", null);
        logVisit(a3[0], "2026-03-16T09:00", "SUBMISSION", null);
        logVisit(a3[0], "2026-03-30T10:00", "COLLECT_DECISION", "纸质决定书");

        // Ratings: March A1 5, A2 2, B1 3, B2 5; A3's 4 at Apr 1 00:30 Shanghai (= Mar 31 16:30Z) is April's.
        seed.rating(a1[2], applicant, 5, "很好", sh("2026-03-11T10:00"));
        seed.rating(a2[2], applicant, 2, "等待太久", sh("2026-03-16T10:00"));
        seed.rating(b1[2], applicant, 3, "材料要求不清楚", sh("2026-03-13T10:00"));
        seed.rating(b2[2], applicant, 5, null, sh("2026-03-02T10:00"));
        seed.rating(a3[2], applicant, 4, "=HYPERLINK(\"x\")", sh("2026-04-01T00:30"));

        // Department responsiveness (sessions held in March).
        long s1 = seed.session(a1[0], sh("2026-03-09T09:00"), sh("2026-03-09T10:00"), "CONCLUDED", chair);
        seed.sessionEvent(s1, sh("2026-03-09T10:30"), "concluded");
        seed.required(s1, fgw);
        seed.required(s1, sthj);
        seed.attend(s1, drc, fgw, sh("2026-03-09T08:58"));
        seed.attend(s1, eco, sthj, sh("2026-03-09T09:07")); // 7 min after the start: late
        seed.opinion(s1, fgw, drc, 1, sh("2026-03-09T11:30")); // 1.0 h after the session concluded
        seed.opinion(s1, fgw, drc, 2, sh("2026-03-10T09:00")); // a correction: not counted
        seed.opinion(s1, sthj, eco, 1, sh("2026-03-09T10:00")); // before the end: 0 h
        long s2 = seed.session(b1[0], sh("2026-03-11T14:00"), sh("2026-03-11T15:00"), "IN_PROGRESS", chair);
        seed.required(s2, fgw);
        seed.required(s2, sthj); // absent
        seed.attend(s2, drc, fgw, sh("2026-03-11T14:05")); // exactly the 5 min grace: not late
        seed.opinion(s2, fgw, drc, 1, sh("2026-03-11T18:00")); // 3.0 h after the scheduled end (never concluded)
        long s3 = seed.session(a3[0], sh("2026-03-20T09:00"), sh("2026-03-20T10:00"), "CANCELLED", chair);
        seed.required(s3, fgw); // cancelled: not counted
        long s4 = seed.session(b3[0], sh("2026-04-01T09:00"), sh("2026-04-01T10:00"), "CONCLUDED", chair);
        seed.required(s4, fgw); // April

        snapshot.rebuild();
        seeded = true;
    }

    private void logVisit(long project, String local, String purpose, String note) {
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(
                        note == null
                                ? Map.of("visitedAt", sh(local).toString(), "purpose", purpose)
                                : Map.of("visitedAt", sh(local).toString(), "purpose", purpose, "note", note))
                .post("/api/projects/" + project + "/visits")
                .then()
                .statusCode(201)
                .body("loggedBy", equalTo("coordinator"));
    }
}
