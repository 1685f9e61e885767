package org.liandong.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;
import org.liandong.support.NodeScript;

/**
 * Every iCalendar file Liandong sends opens in calendar clients: it passes ical4j's strict
 * validation, has one DTSTAMP, is folded at 75 octets (RFC 5545 §3.1), and Mozilla's ical.js
 * (Thunderbird's parser, from npm) reads it. The files come from a session with the longest
 * project name, a long agenda, a reschedule, an added and a withdrawn invitation and a cancellation,
 * i.e. every kind of file (REQUEST, update, CANCEL) with Chinese text that needs folding.
 */
@QuarkusTest
class InvitationFilesTest {

    private static List<Path> files;

    @Inject
    Fixtures fx;

    @Test
    void everyInvitationFileValidatesStrictlyWithOneDtstampAndLinesOf75OctetsAtMost() throws Exception {
        for (Path f : files()) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (String line : text.split("\r\n")) {
                assertTrue(
                        line.getBytes(StandardCharsets.UTF_8).length <= 75,
                        f + ": line of " + line.getBytes(StandardCharsets.UTF_8).length + " octets: " + line);
            }
            Calendar calendar = new CalendarBuilder().build(new StringReader(text));
            ValidationResult result = calendar.validate();
            assertFalse(result.hasErrors(), f + ": " + result.getEntries());
            VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
            assertEquals(1, event.getProperties(Property.DTSTAMP).size(), f + ": DTSTAMP once");
            assertTrue(
                    event.getSummary().orElseThrow().getValue().contains("新材料"), "the folded summary unfolds intact");
        }
    }

    @Test
    void mozillasIcalJsParsesEveryInvitationFile() throws Exception {
        List<Path> all = files();
        NodeScript.require("ical.js");
        List<String> names = all.stream().map(Path::toString).toList();
        NodeScript.Result r = NodeScript.run(
                "e2e/ics-check.mjs", names, Map.of(), Path.of("target/ics/ical-js.log"), Duration.ofMinutes(1));
        assertEquals(0, r.exit(), r.output());
        assertEquals(
                all.size(), r.output().lines().filter(l -> l.startsWith("OK ")).count(), r.output());
    }

    private synchronized List<Path> files() throws Exception {
        if (files != null) {
            return files;
        }
        Map<String, Object> body = Fixtures.projectBody(fx.person("applicant"));
        body.put("name", "年产5万吨高性能新材料项目" + "配套建设研发中心及智能化生产线".repeat(12));
        long project = Fixtures.file("coordinator", body);
        Fixtures.acceptProject(project);
        LocalDate day = fx.freeDay();
        Map<String, Object> request = fx.sessionRequest(project, at(day, 9, 0));
        request.put("agenda", List.of("申请人介绍项目基本情况、建设内容、选址及用地、环境影响和安全生产措施", "部门提问", "合议"));
        long session = fx.schedule(request);
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("personId", fx.person("observer"), "role", "OBSERVER"))
                .post("/api/sessions/" + session + "/participants")
                .then()
                .statusCode(200);
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("startsAt", at(day, 14, 0).toString(), "durationMinutes", 60, "reason", "会议室调整，改到下午"))
                .post("/api/sessions/" + session + "/reschedule")
                .then()
                .statusCode(200);
        as("coordinator")
                .queryParam("reason", "observer not needed")
                .delete("/api/sessions/" + session + "/participants/" + fx.person("observer"))
                .then()
                .statusCode(200);
        List<Path> out = new ArrayList<>();
        Path dir = Files.createDirectories(Path.of("target/ics"));
        // The live file before cancelling, then every message's file after.
        String live = as("applicant")
                .get("/api/sessions/" + session + "/invitation.ics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        out.add(Files.writeString(dir.resolve("session-" + session + "-live.ics"), live, StandardCharsets.UTF_8));
        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "申请人申请延期，另行安排联审会时间"))
                .post("/api/sessions/" + session + "/cancel")
                .then()
                .statusCode(200);
        for (String user : List.of("chair", "city.drc", "city.nr", "applicant", "observer")) {
            List<Map<String, Object>> inbox = as(user).get("/api/me/inbox")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            for (Map<String, Object> m : inbox) {
                if (m.get("sessionId") instanceof Number sid
                        && sid.longValue() == session
                        && Boolean.TRUE.equals(m.get("hasCalendar"))) {
                    byte[] ics = as(user).get("/api/me/inbox/" + m.get("id") + "/calendar.ics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asByteArray();
                    out.add(Files.write(
                            dir.resolve("session-" + session + "-" + user + "-" + m.get("id") + ".ics"), ics));
                }
            }
        }
        assertTrue(out.size() >= 12, "invitation, update and cancellation files for everyone: " + out.size());
        files = out;
        return files;
    }
}
