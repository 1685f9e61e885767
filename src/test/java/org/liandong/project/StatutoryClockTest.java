package org.liandong.project;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.session.SessionService;
import org.liandong.support.Fixtures;
import org.liandong.support.TestClock;

/** The statutory clock through the API: counting from acceptance, pausing for a supplement, resuming. */
@QuarkusTest
class StatutoryClockTest {

    @Inject
    ProjectRepository projects;

    @Inject
    Fixtures fx;

    @Inject
    TestClock clock;

    @Inject
    SessionService sessions;

    @AfterEach
    void unpin() {
        clock.reset();
    }

    @Test
    void countsWorkingDaysPausesWhileSupplementingAndResumes() {
        clock.set(Fixtures.BASE); // Friday 27 November 2026, 09:00: accepted today; day 1 is Monday 30th
        long project = fx.acceptedProject(false);
        as("coordinator")
                .get("/api/projects/" + project + "/clock")
                .then()
                .statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("limitDays", equalTo(20))
                .body("daysUsed", equalTo(0))
                .body("daysLeft", equalTo(20))
                .body("dueDate", equalTo("2026-12-25"))
                .body("startDate", equalTo("2026-11-27"));
        as("coordinator").get("/api/projects/" + project).then().body("clock.daysLeft", equalTo(20));

        clock.set(Instant.parse("2026-12-02T02:00:00Z")); // Wednesday 2 December: Mon, Tue, Wed used
        as("applicant")
                .get("/api/projects/" + project + "/clock")
                .then()
                .statusCode(200)
                .body("daysUsed", equalTo(3));

        // A session puts the project IN_REVIEW; its combined decision asks for a supplement (only a
        // decision may pause a project under review: Project.requireSupplementByDecision), and the clock pauses.
        long session = fx.schedule(fx.sessionRequest(project, at(fx.freeDay(), 9, 0)));
        sessions.open(session, "chair");
        sessions.start(session, "chair", List.of(fx.department("370300-FGW"), fx.department("370300-ZRZY")));
        QuarkusTransaction.requiringNew()
                .run(() -> projects.findByIdOptional(project)
                        .orElseThrow()
                        .requireSupplementByDecision("chair", "补充环评批复 EIA approval missing", clock.instant()));
        as("coordinator").get("/api/projects/" + project).then().statusCode(200).body("clock.state", equalTo("PAUSED"));

        clock.set(Instant.parse("2026-12-07T02:00:00Z")); // Monday 7th: still paused, nothing used since the 2nd
        as("coordinator")
                .get("/api/projects/" + project + "/clock")
                .then()
                .body("state", equalTo("PAUSED"))
                .body("daysUsed", equalTo(3))
                .body("pausedSince", equalTo("2026-12-02"))
                .body("dueDate", equalTo("2026-12-30"));
        as("applicant").post("/api/projects/" + project + "/resubmit").then().statusCode(200);

        clock.set(Instant.parse("2026-12-09T02:00:00Z")); // Wednesday 9th: 8th and 9th count again
        as("coordinator")
                .get("/api/projects/" + project + "/clock")
                .then()
                .body("state", equalTo("RUNNING"))
                .body("daysUsed", equalTo(5))
                .body("daysLeft", equalTo(15))
                .body("dueDate", equalTo("2026-12-30"))
                .body("overdue", equalTo(false));
        as("coordinator")
                .queryParam("within", 15)
                .get("/api/projects/at-risk")
                .then()
                .statusCode(200)
                .body("id", hasItem((int) project));
        as("coordinator")
                .queryParam("within", 14)
                .get("/api/projects/at-risk")
                .then()
                .statusCode(200)
                .body("id", not(hasItem((int) project)));

        clock.set(Instant.parse("2027-01-05T02:00:00Z")); // past the due date
        as("coordinator")
                .get("/api/projects/" + project + "/clock")
                .then()
                .body("overdue", equalTo(true))
                .body("daysLeft", equalTo(-3)); // 31 Dec, 4 and 5 Jan (1 Jan is a holiday)
    }

    @Test
    void aProjectNotYetAcceptedHasNoRunningClock() {
        long project = fx.registeredProject(false);
        as("coordinator")
                .get("/api/projects/" + project + "/clock")
                .then()
                .statusCode(200)
                .body("state", equalTo("NOT_STARTED"))
                .body("daysLeft", equalTo(20));
        as("applicant2").get("/api/projects/" + project + "/clock").then().statusCode(404);
    }
}
