package org.liandong.session;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

@QuarkusTest
class SchedulingTest {

    @Inject
    Fixtures fx;

    @Test
    void schedulesAValidSessionWithTheChairInvitedAndTheDefaultAgenda() {
        long project = fx.acceptedProject(false);
        long id = fx.schedule(fx.sessionRequest(project, at(fx.freeDay(), 9, 30)));
        as("coordinator")
                .get("/api/sessions/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("sequence", equalTo(0))
                .body("participants.role", containsInAnyOrder("CHAIR", "OFFICIAL", "OFFICIAL", "APPLICANT"))
                .body("departments.findAll { it.required }.code", containsInAnyOrder("370300-FGW", "370300-ZRZY"))
                .body("agenda", hasSize(ReviewSession.DEFAULT_AGENDA.size()));
        // The applicant was notified in the in-app inbox, with a calendar file.
        as("applicant")
                .get("/api/me/inbox")
                .then()
                .statusCode(200)
                .body("findAll { it.sessionId == " + id + " }.kind", hasItem("INVITATION"))
                .body("findAll { it.sessionId == " + id + " }.hasCalendar", everyItem(equalTo(true)));
    }

    @Test
    void listsEveryClashOfABadRequestAtOnce() {
        long project = fx.registeredProject(false); // not accepted
        LocalDate saturday = LocalDate.of(2026, 12, 5);
        Map<String, Object> r = fx.sessionRequest(project, at(saturday, 7, 0));
        r.put("chairId", fx.person("city.eco")); // an official who may not chair
        r.put(
                "participants",
                List.of( // no official for the required 370300-ZRZY
                        Map.of("personId", fx.person("city.drc"), "role", "OFFICIAL"),
                        Map.of("personId", fx.person("applicant"), "role", "APPLICANT")));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(r)
                .post("/api/sessions")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://liandong.org/problems/clash"))
                .body(
                        "clashes.kind",
                        containsInAnyOrder(
                                "PROJECT_NOT_ACCEPTED",
                                "CHAIR_NOT_ALLOWED",
                                "REQUIRED_DEPARTMENT_WITHOUT_OFFICIAL",
                                "NON_WORKING_DAY",
                                "OUTSIDE_WORKING_HOURS"))
                .body(
                        "clashes.find { it.kind == 'REQUIRED_DEPARTMENT_WITHOUT_OFFICIAL' }.departmentCode",
                        equalTo("370300-ZRZY"));
        // The check endpoint answers the same clashes without scheduling anything.
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(r)
                .post("/api/sessions/check")
                .then()
                .statusCode(200)
                .body("clashes", hasSize(5));
    }

    @Test
    void refusesAPersonAlreadyInAnOverlappingSession() {
        LocalDate day = fx.freeDay();
        long first = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(day, 9, 0)));
        Map<String, Object> r = fx.sessionRequest(fx.acceptedProject(false), at(day, 10, 0)); // overlaps 9:00–10:30
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(r)
                .post("/api/sessions")
                .then()
                .statusCode(409)
                .body("clashes.kind", everyItem(equalTo("PERSON_BUSY")))
                .body("clashes.personName", containsInAnyOrder("王主任", "李科长", "张科长", "吴经理"))
                .body("clashes.otherSessionId", everyItem(equalTo((int) first)));
        // Right after the first one ends is fine.
        fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(day, 10, 30)));
    }

    @Test
    void namesTheFieldOfABadParticipant() {
        Map<String, Object> r = fx.sessionRequest(fx.acceptedProject(false), at(fx.freeDay(), 9, 0));
        r.put("participants", List.of(Map.of("personId", fx.person("applicant2"), "role", "APPLICANT")));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(r)
                .post("/api/sessions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("participants[0].personId"));
        r.put(
                "participants",
                List.of(
                        Map.of("personId", fx.person("zichuan.nr"), "role", "OFFICIAL"),
                        Map.of("personId", fx.person("applicant"), "role", "APPLICANT")));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(r)
                .post("/api/sessions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("participants[0].personId"));
        as("applicant")
                .contentType(ContentType.JSON)
                .body(r)
                .post("/api/sessions")
                .then()
                .statusCode(403);
    }

    @Test
    void rescheduleRaisesSequenceAndCancelSendsMethodCancel() throws Exception {
        long id = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(fx.freeDay(), 14, 0)));
        Calendar first = parse(as("city.drc")
                .get("/api/sessions/" + id + "/invitation.ics")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/calendar"))
                .extract()
                .asString());
        VEvent event = first.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        String uid = event.getUid().orElseThrow().getValue();
        assertEquals("REQUEST", first.getProperty(Property.METHOD).orElseThrow().getValue());
        assertEquals("0", event.getProperty(Property.SEQUENCE).orElseThrow().getValue());
        assertEquals(
                "Asia/Shanghai",
                event.getProperty(Property.DTSTART)
                        .orElseThrow()
                        .getParameter("TZID")
                        .orElseThrow()
                        .getValue());
        assertTrue(event.getProperty(Property.DTSTART).orElseThrow().getValue().endsWith("T140000"));
        assertTrue(
                event.getProperty(Property.DESCRIPTION).orElseThrow().getValue().contains("/#/room/" + id + "?token="));
        assertTrue(first.getComponent("VTIMEZONE").isPresent());

        LocalDate newDay = fx.freeDay();
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "startsAt",
                        at(newDay, 15, 0).toString(),
                        "durationMinutes",
                        60,
                        "reason",
                        "主持人出差 Chair travelling"))
                .post("/api/sessions/" + id + "/reschedule")
                .then()
                .statusCode(200)
                .body("sequence", equalTo(1))
                .body("history.type", hasItem("rescheduled"));
        VEvent moved = parse(as("city.drc")
                        .get("/api/sessions/" + id + "/invitation.ics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .getComponent("VEVENT")
                .map(VEvent.class::cast)
                .orElseThrow();
        assertEquals(uid, moved.getUid().orElseThrow().getValue());
        assertEquals("1", moved.getProperty(Property.SEQUENCE).orElseThrow().getValue());
        assertTrue(moved.getProperty(Property.DTSTART).orElseThrow().getValue().endsWith("T150000"));

        // A reschedule is clash-checked too.
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("startsAt", at(newDay, 17, 0).toString(), "durationMinutes", 60, "reason", "later"))
                .post("/api/sessions/" + id + "/reschedule")
                .then()
                .statusCode(409)
                .body("clashes.kind", hasItem("OUTSIDE_WORKING_HOURS"));

        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "项目撤回 Project withdrawn"))
                .post("/api/sessions/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("sequence", equalTo(2));
        Calendar cancelled = parse(as("city.drc")
                .get("/api/sessions/" + id + "/invitation.ics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        VEvent c = cancelled.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        assertEquals(
                "CANCEL", cancelled.getProperty(Property.METHOD).orElseThrow().getValue());
        assertEquals(uid, c.getUid().orElseThrow().getValue());
        assertEquals("2", c.getProperty(Property.SEQUENCE).orElseThrow().getValue());
        assertEquals("CANCELLED", c.getProperty(Property.STATUS).orElseThrow().getValue());
        // The inbox carries the cancellation with its own file.
        as("city.drc")
                .get("/api/me/inbox")
                .then()
                .body(
                        "findAll { it.sessionId == " + id + " }.kind",
                        containsInAnyOrder("INVITATION", "UPDATE", "CANCELLATION"));
        // Cancelled cannot be cancelled again.
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "again"))
                .post("/api/sessions/" + id + "/cancel")
                .then()
                .statusCode(409);
    }

    @Test
    void anApplicantSeesOnlyTheirOwnSessions() {
        long mine = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(fx.freeDay(), 9, 0)));
        long otherProject = fx.acceptedProject(true);
        Map<String, Object> r = fx.sessionRequest(otherProject, at(fx.freeDay(), 9, 0));
        r.put(
                "participants",
                List.of(
                        Map.of("personId", fx.person("city.drc"), "role", "OFFICIAL"),
                        Map.of("personId", fx.person("city.nr"), "role", "OFFICIAL"),
                        Map.of("personId", fx.person("agent"), "role", "PROXY_AGENT")));
        long agents = fx.schedule(r);

        as("applicant")
                .queryParam("personId", fx.person("agent"))
                .get("/api/sessions")
                .then()
                .statusCode(403);
        List<Integer> seen = as("applicant")
                .get("/api/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertTrue(seen.contains((int) mine));
        assertTrue(!seen.contains((int) agents));
        as("applicant").get("/api/sessions/" + agents).then().statusCode(404);
        as("applicant").get("/api/me/sessions").then().statusCode(200).body("id", hasItem((int) mine));
        as("agent").get("/api/sessions/" + agents).then().statusCode(200).body("history", hasSize(0));
        as("coordinator")
                .queryParam("personId", fx.person("agent"))
                .get("/api/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem((int) agents));
        as("applicant").get("/api/sessions/" + mine + "/attendance").then().statusCode(403);
    }

    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }
}
