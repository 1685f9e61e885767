package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.File;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.liandong.client.SignalingClient;
import org.liandong.room.RoomFixture;
import org.liandong.session.AttendanceService;
import org.liandong.session.AttendanceView;

/**
 * The "owner killed" check, on one machine: three packaged nodes on loopback behind the real
 * HAProxy (deploy/cluster/run-local.sh), sharing this run's PostgreSQL and the local Redis (DB 5,
 * a prefix per run). This test's own Quarkus app only makes the session and mints join tokens (same
 * secret as the nodes); it is not behind HAProxy. Clients connect through HAProxy, the room gets a
 * lobby applicant, two raised hands, agenda step 3 and a removed observer; then the owner node gets
 * {@code kill -9}, and every client must come back with {@code resumed: true} and the same seat.
 *
 * <p>Opt-in with {@code LIANDONG_CLUSTER_TEST=true}. Needs haproxy, Redis, PostgreSQL
 * (LIANDONG_DB=postgresql) and the app packaged for it ({@code LIANDONG_DB=postgresql mvn -B package
 * -DskipTests}); skips loudly without them, and fails under CI=true.
 */
// Opt-in at class level, so that mvn verify does not start this test's Quarkus profile only to skip it.
@EnabledIfEnvironmentVariable(
        named = "LIANDONG_CLUSTER_TEST",
        matches = "true",
        disabledReason = "runs with LIANDONG_CLUSTER_TEST=true after `LIANDONG_DB=postgresql mvn package`"
                + " (README \"Test it\", docs/cluster.md)")
@QuarkusTest
@TestProfile(OwnerKilledTest.Fixture.class)
class OwnerKilledTest {

    static final String JOIN_SECRET = "owner-killed-test-join-secret-" + UUID.randomUUID();

    /** The fixture app: join tokens signed like the nodes', the cluster off (it holds no room). */
    public static class Fixture implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liandong.sessions.join-token-secret", JOIN_SECRET);
        }
    }

    @Inject
    RoomFixture fixture;

    @Inject
    AttendanceService attendance;

    @Test
    void everyClientComesBackWithItsSeatAfterTheOwnerIsKilled() throws Exception {
        requirements();
        String prefix = "lt-nodes-kill-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        int base = 20000 + (int) (ProcessHandle.current().pid() % 900) * 10;
        Path dir = Path.of("target/cluster-it-" + base).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        long session = fixture.session();
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("CLUSTER_DIR", dir.toString());
        env.put("CLUSTER_BASE", Integer.toString(base));
        env.put("LIANDONG_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/5");
        env.put("LIANDONG_CLUSTER_KEY_PREFIX", prefix);
        env.put("LIANDONG_SESSIONS_JOIN_TOKEN_SECRET", JOIN_SECRET);
        env.put("JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        try {
            assertEquals(0, script(env, dir, "3"), "run-local.sh 3 started; see " + dir);
            URI proxy = URI.create("http://127.0.0.1:" + base + "/");
            // Join links are minted here (they need this app's database session) and reused on reconnect.
            for (String who : RoomFixture.INVITED) {
                tokens.put(who, fixture.token(session, who));
            }
            Map<String, SignalingClient> before = new LinkedHashMap<>();
            for (String who : RoomFixture.INVITED) {
                before.put(who, connect(proxy, session, who));
            }
            SignalingClient chair = before.get("chair");
            String chairPeer = chair.latest("welcome").get("you").asText();
            String nr = before.get("city.nr").latest("welcome").get("you").asText();
            String drc = before.get("city.drc").latest("welcome").get("you").asText();
            String observer =
                    before.get("observer").latest("welcome").get("you").asText();
            assertTrue(before.get("applicant").latest("welcome").get("lobby").asBoolean(), "applicant in the lobby");
            before.get("city.nr").send("hand", "raised", true);
            chair.await("hands", m -> m.get("queue").size() == 1, Duration.ofSeconds(20));
            before.get("city.drc").send("hand", "raised", true);
            chair.await("hands", m -> m.get("queue").size() == 2, Duration.ofSeconds(20));
            chair.send("agenda", "step", 3);
            chair.send("remove", "peer", observer);
            assertEquals(4001, before.get("observer").awaitClosed(Duration.ofSeconds(20)), "observer removed");
            chair.send("chat", "text", "before the kill");
            chair.await("chat", m -> true, Duration.ofSeconds(20));

            // Reference, same run: one participant drops and reconnects to the same owner (no failover).
            before.get("city.drc").cut();
            long cutAt = System.nanoTime();
            before.put(
                    "city.drc",
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(200))
                            .ignoreExceptions()
                            .until(() -> connect(proxy, session, "city.drc"), c -> c != null));
            long sameNodeMs = (System.nanoTime() - cutAt) / 1_000_000;

            String owner = Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> redisGet(prefix + "room:" + session + ":owner"), v -> v != null && !v.isBlank());
            String node = owner.split(" ")[0];
            long pid =
                    Long.parseLong(Files.readString(dir.resolve(node + ".pid")).trim());
            // Let the last change's snapshot land (coalesced within 100 ms), then kill the owner.
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                String snap = redisGet(prefix + "room:" + session + ":snapshot");
                return snap != null && snap.contains("before the kill") && snap.contains("\"agenda\":3");
            });
            long killedAt = System.nanoTime();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();

            Map<String, JsonNode> welcomes = new LinkedHashMap<>();
            Map<String, SignalingClient> third = new LinkedHashMap<>();
            Map<String, Long> backAfterMs = new LinkedHashMap<>();
            for (String who : List.of("chair", "city.nr", "city.drc", "applicant")) {
                SignalingClient again = Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> connect(proxy, session, who), c -> c != null);
                backAfterMs.put(who, (System.nanoTime() - killedAt) / 1_000_000);
                welcomes.put(who, again.latest("welcome"));
            }
            System.out.println("owner " + node + " killed; back after (ms): " + backAfterMs
                    + "; reference, a drop and reconnect to the same node: " + sameNodeMs + " ms");

            for (var e : welcomes.entrySet()) {
                assertTrue(e.getValue().get("resumed").asBoolean(), e.getKey() + " resumed: " + e.getValue());
                assertEquals(
                        before.get(e.getKey()).latest("welcome").get("you").asText(),
                        e.getValue().get("you").asText(),
                        e.getKey() + " has the same seat");
                assertEquals(
                        before.get(e.getKey()).latest("welcome").get("role").asText(),
                        e.getValue().get("role").asText(),
                        e.getKey() + " has the same role");
            }
            JsonNode chairWelcome = welcomes.get("chair");
            assertTrue(chairWelcome.get("chair").asBoolean(), "the chair is still chair");
            JsonNode room = chairWelcome.get("room");
            assertEquals(chairPeer, room.get("chair").asText());
            assertEquals(3, room.get("agenda").asInt(), "agenda intact: " + room);
            List<String> hands = new ArrayList<>();
            room.get("hands").forEach(h -> hands.add(h.asText()));
            assertEquals(List.of(nr, drc), hands, "hands intact");
            assertTrue(welcomes.get("applicant").get("lobby").asBoolean(), "the applicant is still in the lobby");
            int refused = SignalingClient.refusalStatus(proxy, session, tokens.get("observer"), null);
            assertTrue(
                    refused != -1 || connectAndExpectClose(proxy, session) == 4001, "the removed observer stays out");

            // Attendance: a gap (an interruption), not a leave, for the people who came back.
            List<AttendanceView> entries = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(
                            () -> QuarkusTransaction.requiringNew().call(() -> attendance.listAttendance(session)),
                            list -> list.stream()
                                    .filter(a -> a.username().equals("city.nr"))
                                    .anyMatch(a -> a.interruptions() >= 1));
            AttendanceView nrEntry = entries.stream()
                    .filter(a -> a.username().equals("city.nr"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(null, nrEntry.leftAt(), "no leave recorded: " + nrEntry);
            assertFalse(
                    entries.stream().filter(a -> a.username().equals("city.nr")).count() > 1,
                    "one continuous entry: " + entries);

            // Stale owner: the new owner is paused (SIGSTOP) past its lease, the room moves to the
            // third node, then the paused one resumes (SIGCONT). Its sockets are gone, so it would
            // record everyone as dropped: the fence must refuse that, and the entries stay open.
            String owner2 = Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> redisGet(prefix + "room:" + session + ":owner"), v -> v != null && !v.isBlank());
            String node2 = owner2.split(" ")[0];
            long pid2 =
                    Long.parseLong(Files.readString(dir.resolve(node2 + ".pid")).trim());
            new ProcessBuilder("kill", "-STOP", Long.toString(pid2)).start().waitFor();
            try {
                for (String who : List.of("chair", "city.nr", "city.drc", "applicant")) {
                    SignalingClient c3 = Awaitility.await()
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(200))
                            .ignoreExceptions()
                            .until(() -> connect(proxy, session, who), c -> c != null);
                    third.put(who, c3);
                    JsonNode w = c3.latest("welcome");
                    assertTrue(w.get("resumed").asBoolean(), who + " resumed on the third node: " + w);
                }
                String owner3 = redisGet(prefix + "room:" + session + ":owner");
                assertFalse(owner3.startsWith(node2 + " "), "the room moved away from the paused node: " + owner3);
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(pid2)).start().waitFor();
            }
            Path log2 = dir.resolve(node2 + ".log");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(log2).contains("lets the room go")
                            || Files.readString(log2).contains("letting the room go"));
            // Give the resumed node's queued writes time to try (and be refused) before looking.
            Awaitility.await()
                    .pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> true);
            List<AttendanceView> after =
                    QuarkusTransaction.requiringNew().call(() -> attendance.listAttendance(session));
            for (String who : List.of("chair", "city.nr", "city.drc")) {
                List<AttendanceView> mine =
                        after.stream().filter(a -> a.username().equals(who)).toList();
                assertEquals(1, mine.size(), who + ": one entry: " + after);
                assertEquals(null, mine.get(0).leftAt(), who + ": the stale owner wrote no leave: " + mine);
            }
            // Graceful drain: SIGTERM to the owner; sockets close with 1012, the room is handed over at once.
            String owner3 = redisGet(prefix + "room:" + session + ":owner");
            String node3 = owner3.split(" ")[0];
            long pid3 =
                    Long.parseLong(Files.readString(dir.resolve(node3 + ".pid")).trim());
            Awaitility.await() // the resumed node is back in HAProxy (rise 2 x 500 ms) before its peer stops
                    .atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> java.net.http.HttpClient.newHttpClient()
                                    .send(
                                            java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                            + (base + Integer.parseInt(node2.substring(4)))
                                                            + "/q/health/ready"))
                                                    .build(),
                                            java.net.http.HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
            long termAt = System.nanoTime();
            new ProcessBuilder("kill", "-TERM", Long.toString(pid3)).start().waitFor();
            Map<String, Long> drainedMs = new LinkedHashMap<>();
            for (var e : third.entrySet()) {
                assertEquals(1012, e.getValue().awaitClosed(Duration.ofSeconds(30)), e.getKey() + " told to reconnect");
                JsonNode w = Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() -> connect(proxy, session, e.getKey()), c -> c != null)
                        .latest("welcome");
                drainedMs.put(e.getKey(), (System.nanoTime() - termAt) / 1_000_000);
                assertTrue(w.get("resumed").asBoolean(), e.getKey() + " resumed after the drain: " + w);
                assertEquals(
                        before.get(e.getKey()).latest("welcome").get("you").asText(),
                        w.get("you").asText(),
                        e.getKey() + " has the same seat after the drain");
            }
            System.out.println("owner " + node3 + " drained (SIGTERM); back after (ms): " + drainedMs);

            System.out.println("stale owner " + node2 + " paused and resumed; its writes were refused: "
                    + Files.readString(log2)
                            .lines()
                            .filter(l -> l.contains("superseded") || l.contains("room go"))
                            .toList());
        } finally {
            script(env, dir, "stop");
        }
    }

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private SignalingClient connect(URI proxy, long session, String who) {
        SignalingClient c = SignalingClient.connect(proxy, session, tokens.get(who), null);
        c.await("welcome", m -> true, Duration.ofSeconds(30));
        return c;
    }

    private int connectAndExpectClose(URI proxy, long session) {
        SignalingClient c = SignalingClient.connect(proxy, session, tokens.get("observer"), null);
        return c.awaitClosed(Duration.ofSeconds(20));
    }

    private static int script(Map<String, String> env, Path dir, String arg) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "deploy/cluster/run-local.sh", arg)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run-local-" + arg + ".log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(12, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String redisGet(String key) throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-n", "5", "--raw", "get", key).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Skips loudly without haproxy, Redis, PostgreSQL or the packaged app; under CI=true fails instead. */
    private static void requirements() {
        if (!"true".equals(System.getenv("LIANDONG_CLUSTER_TEST"))) {
            // Opt-in: surefire runs before `package`, so inside `mvn verify` the jar would be stale or
            // built for the other database. .ci/run runs this test after the PostgreSQL pass packaged.
            String why = "OwnerKilledTest runs with LIANDONG_CLUSTER_TEST=true after "
                    + "`LIANDONG_DB=postgresql mvn package` (docs/cluster.md)";
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        List<String> missing = new ArrayList<>();
        if (!new File("/usr/sbin/haproxy").canExecute() && !onPath("haproxy")) {
            missing.add("haproxy (apt-get install haproxy)");
        }
        try (Socket s = new Socket("127.0.0.1", 6379)) {
            // Redis answers
        } catch (Exception e) {
            missing.add("Redis on 127.0.0.1:6379");
        }
        if (!"postgresql".equals(System.getenv("LIANDONG_DB"))) {
            missing.add("PostgreSQL (LIANDONG_DB=postgresql, the nodes share it)");
        }
        if (!new File("target/quarkus-app/quarkus-run.jar").isFile()) {
            missing.add("the packaged app (LIANDONG_DB=postgresql mvn -B package -DskipTests)");
        }
        if (!missing.isEmpty()) {
            String why = "OwnerKilledTest needs " + String.join(", ", missing);
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new File(d, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
