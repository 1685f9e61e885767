package org.liandong.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.Fixtures;

/**
 * Issue 11, "data that was acknowledged must survive a crash": four clients issue decisions and
 * sign opinions at the same time against the packaged app; after {@link #KILL_AFTER} acknowledged
 * answers the JVM gets {@code kill -9}. After a restart every acknowledged decision still exists
 * with the number its client was told, its project stays DECIDED, no number is handed out twice,
 * every opinion acknowledged as SIGNED is still SIGNED, and the audit chain is intact. Runs on H2
 * (the embedded default) and, with a jar built with LIANDONG_DB=postgresql, on PostgreSQL.
 *
 * <p>Sessions are set up through the public API and the room socket, as users do: the app runs
 * with a time zone in which "now" is early morning, and a calendar that makes today a working day,
 * so that the scheduling rules accept slots starting a few minutes from now.
 */
class CrashDurabilityIT {

    private static final int KILL_AFTER = 5;
    private static final int READY_SESSIONS = 6;
    private static final int SIGNING_SESSIONS = 4;
    private static final List<String> CHAIRS = List.of("chair", "zichuan.approval");
    private static final List<String> OFFICIALS =
            List.of("city.drc", "city.nr", "city.eco", "city.housing", "zichuan.nr");

    private static final List<String> ZONES = List.of(
            "Pacific/Pago_Pago",
            "Pacific/Honolulu",
            "America/Anchorage",
            "America/Los_Angeles",
            "America/Denver",
            "America/Chicago",
            "America/New_York",
            "America/Halifax",
            "America/Sao_Paulo",
            "Atlantic/South_Georgia",
            "Atlantic/Cape_Verde",
            "Africa/Abidjan",
            "Africa/Lagos",
            "Africa/Johannesburg",
            "Europe/Moscow",
            "Asia/Dubai",
            "Asia/Karachi",
            "Asia/Dhaka",
            "Asia/Bangkok",
            "Asia/Shanghai",
            "Asia/Tokyo",
            "Australia/Brisbane",
            "Pacific/Noumea",
            "Pacific/Tarawa",
            "Pacific/Tongatapu",
            "Pacific/Kiritimati");

    private PackagedApp app;

    record Started(long sessionId, long projectId, String chair, Map<String, Long> draftByOfficial) {}

    sealed interface Ack permits Issued, Signed {}

    record Issued(Started session, String number) implements Ack {}

    record Signed(Started session, long opinionId) implements Ack {}

    @AfterEach
    void reset() throws Exception {
        RestAssured.reset();
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void everyAcknowledgedDecisionAndSignatureSurvivesKill9() throws Exception {
        Path dataDir = Files.createTempDirectory("liandong-crash");
        Instant firstStart = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        // A real zone (iCalendar needs one) in which the first slot is early in the day, so all slots fit in it.
        ZoneId zone = ZONES.stream()
                .map(ZoneId::of)
                .min(Comparator.comparingInt(z -> Math.abs(firstStart.atZone(z).getHour() - 8)))
                .orElseThrow();
        LocalDate day = firstStart.atZone(zone).toLocalDate();
        Path calendar = Files.createDirectories(dataDir.resolve("calendar"));
        Files.writeString(calendar.resolve("cn-" + day.getYear() + ".txt"), day + " workday crash test\n");
        app = new PackagedApp(
                        dataDir,
                        "-Dliandong.time.zone=" + zone.getId(),
                        "-Dliandong.calendar.dir=" + calendar,
                        "-Dliandong.sessions.workday-start=00:00",
                        "-Dliandong.sessions.workday-end=23:59",
                        "-Dliandong.sessions.join-lead=PT12H")
                .start();
        RestAssured.port = app.port;

        List<Started> ready = new ArrayList<>();
        List<Started> signing = new ArrayList<>();
        for (int i = 0; i < READY_SESSIONS + SIGNING_SESSIONS; i++) {
            boolean signAll = i < READY_SESSIONS;
            Started s = startSession(i, firstStart.plus(Duration.ofMinutes(20L * i)), signAll);
            (signAll ? ready : signing).add(s);
        }

        // Four clients at once: chairs issue, officials sign; kill -9 after KILL_AFTER acknowledgements.
        List<Runnable> work = new ArrayList<>();
        List<Ack> acks = new CopyOnWriteArrayList<>();
        AtomicInteger acknowledged = new AtomicInteger();
        Runnable killOnce = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (!done) {
                    done = true;
                    try {
                        app.kill();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        for (Started s : ready) {
            work.add(() -> {
                Response r = as(s.chair()).post("/api/sessions/" + s.sessionId() + "/decision");
                if (r.statusCode() == 201) {
                    acks.add(new Issued(s, r.jsonPath().getString("number")));
                    if (acknowledged.incrementAndGet() >= KILL_AFTER) {
                        killOnce.run();
                    }
                }
            });
        }
        for (Started s : signing) {
            s.draftByOfficial()
                    .forEach((official, opinion) -> work.add(() -> {
                        Response r = as(official)
                                .body(Map.of("password", DemoDirectory.DEMO_PASSWORD))
                                .post("/api/opinions/" + opinion + "/sign");
                        if (r.statusCode() == 200
                                && "SIGNED".equals(r.jsonPath().getString("status"))) {
                            acks.add(new Signed(s, opinion));
                            if (acknowledged.incrementAndGet() >= KILL_AFTER) {
                                killOnce.run();
                            }
                        }
                    }));
        }
        Collections.shuffle(work, new Random(11));
        Queue<Runnable> queue = new ConcurrentLinkedQueue<>(work);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
                    try {
                        next.run();
                    } catch (RuntimeException connectionLost) {
                        // the JVM is gone: this request's outcome is unknown, so nothing is claimed for it
                    }
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(5, TimeUnit.MINUTES));
        killOnce.run(); // in case fewer answers came than KILL_AFTER
        assertTrue(
                acknowledged.get() >= KILL_AFTER,
                "only " + acknowledged.get() + " acknowledged answers before the kill");

        app.start();
        for (Ack ack : acks) {
            if (ack instanceof Issued issued) {
                Started s = issued.session();
                JsonPath project = as("coordinator")
                        .get("/api/projects/" + s.projectId())
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertEquals(
                        "DECIDED", project.getString("status"), "project of acknowledged decision " + issued.number());
                List<String> numbers = as("coordinator")
                        .get("/api/projects/" + s.projectId() + "/decisions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("number");
                assertEquals(List.of(issued.number()), numbers, "decisions of project " + s.projectId());
            } else if (ack instanceof Signed signed) {
                String status = as("coordinator")
                        .get("/api/sessions/" + signed.session().sessionId() + "/opinions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("find { it.id == " + signed.opinionId() + " }.status");
                assertEquals("SIGNED", status, "opinion " + signed.opinionId() + " was acknowledged as signed");
            }
        }
        // The rest is issued now: numbers continue, none is handed out a second time.
        List<String> all = new ArrayList<>();
        for (Started s : ready) {
            Response r = as(s.chair()).post("/api/sessions/" + s.sessionId() + "/decision");
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, r.asString());
            all.addAll(as("coordinator")
                    .get("/api/projects/" + s.projectId() + "/decisions")
                    .jsonPath()
                    .getList("number"));
        }
        assertEquals(READY_SESSIONS, all.size(), all.toString());
        assertEquals(all.size(), new HashSet<>(all).size(), "a decision number was used twice: " + all);
        as("admin").get("/api/audit/verify").then().statusCode(200).body("intact", org.hamcrest.Matchers.equalTo(true));
        System.out.printf(
                "crash test: %d acknowledged before kill -9 (%d decisions, %d signatures), all found after restart%n",
                acks.size(),
                acks.stream().filter(a -> a instanceof Issued).count(),
                acks.stream().filter(a -> a instanceof Signed).count());
    }

    /** Project accepted, session scheduled, everyone in the room, started at quorum; opinions drafted (and signed if asked). */
    private Started startSession(int i, Instant startsAt, boolean signAll) {
        long projectId = Fixtures.registerProject("applicant");
        Fixtures.acceptProject(projectId);
        String chair = CHAIRS.get(i % CHAIRS.size());
        List<String> officials =
                List.of(OFFICIALS.get(i % OFFICIALS.size()), OFFICIALS.get((i + 2) % OFFICIALS.size()));
        List<Map<String, Object>> departments = new ArrayList<>();
        List<Map<String, Object>> participants = new ArrayList<>();
        for (String official : officials) {
            Map<String, Long> p = person(official);
            departments.add(Map.of("departmentId", p.get("departmentId"), "required", true));
            participants.add(Map.of("personId", p.get("id"), "role", "OFFICIAL"));
        }
        participants.add(Map.of("personId", Fixtures.personId("applicant"), "role", "APPLICANT"));
        Map<String, Object> body = Map.of(
                "projectId",
                projectId,
                "title",
                "crash test " + i,
                "startsAt",
                startsAt.toString(),
                "durationMinutes",
                15,
                "chairId",
                person(chair).get("id"),
                "departments",
                departments,
                "participants",
                participants);
        long sessionId = as("coordinator")
                .body(body)
                .post("/api/sessions")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        URI base = URI.create("http://127.0.0.1:" + app.port);
        List<SignalingClient> sockets = new ArrayList<>();
        try {
            for (String official : officials) {
                SignalingClient c = SignalingClient.connect(base, sessionId, token(official, sessionId), null);
                sockets.add(c);
                c.await("welcome");
            }
            SignalingClient chairSocket = SignalingClient.connect(base, sessionId, token(chair, sessionId), null);
            sockets.add(chairSocket);
            assertTrue(
                    chairSocket
                            .await("welcome")
                            .path("room")
                            .path("quorum")
                            .path("met")
                            .asBoolean(),
                    "quorum");
            chairSocket.send("start");
            chairSocket.await("phase", m -> "IN_PROGRESS".equals(m.path("phase").asText()), Duration.ofSeconds(10));
        } finally {
            sockets.forEach(SignalingClient::close);
        }
        Map<String, Long> drafts = new java.util.LinkedHashMap<>();
        for (String official : officials) {
            long id = Fixtures.draftOpinion(
                    official, sessionId, Map.of("verdict", "APPROVE", "legalBasis", "《企业投资项目核准和备案管理条例》"));
            if (signAll) {
                Fixtures.signDraft(official, id);
            } else {
                drafts.put(official, id);
            }
        }
        return new Started(sessionId, projectId, chair, drafts);
    }

    private static String token(String username, long sessionId) {
        return as(username)
                .get("/api/sessions/" + sessionId + "/join-link")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("token");
    }

    /** {@code id} and {@code departmentId} of an official. */
    private static Map<String, Long> person(String username) {
        JsonPath all = as("admin")
                .get("/api/people?role=OFFICIAL")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String me = "find { it.username == '" + username + "' }";
        return Map.of("id", all.getLong(me + ".id"), "departmentId", all.getLong(me + ".department.id"));
    }
}
