package org.liandong.room;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

/**
 * Load benchmark of the room socket, run by bench/room-bench.sh (not part of the test suite: the
 * class name does not end in Test). Service and load generator share this JVM on loopback; the
 * generator has its own Vert.x (two event loops), and the service's CPU is measured on the
 * service's threads only (its event loops, noted before the generator starts, and its workers).
 * RSS is the whole JVM, so an upper bound for the service.
 *
 * <p>Properties: bench.rooms (100), bench.per-room (10), bench.rate (10000 messages/s),
 * bench.seconds (20), bench.bytes (2048), bench.idle (0 = skip the idle-connection count).
 */
@QuarkusTest
class RoomBench {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RoomFixture fixture;

    /** Relay latency histogram in microseconds (last bucket: 1 s or more). */
    static final AtomicLongArray LATENCY = new AtomicLongArray(1_000_001);

    static final AtomicLong RECEIVED = new AtomicLong();
    static WebSocketClient client;
    static Set<Long> serverLoops;

    /** A lean participant: no JSON parsing on receive, only the timestamp is read. */
    static final class Participant {
        final CountDownLatch welcomed = new CountDownLatch(1);
        volatile String id;
        ClientWebSocket socket;

        void onText(String text) {
            if (text.startsWith("{\"type\":\"offer\"")) {
                int t = text.indexOf("\"t\":");
                long sent = Long.parseLong(text.substring(t + 4, text.indexOf(',', t)));
                LATENCY.incrementAndGet((int) Math.min((System.nanoTime() - sent) / 1000, 1_000_000));
                RECEIVED.incrementAndGet();
            } else if (text.startsWith("{\"type\":\"welcome\"")) {
                int i = text.indexOf("\"you\":\"") + 7;
                id = text.substring(i, text.indexOf('"', i));
                welcomed.countDown();
            }
        }
    }

    /** The generator's own Vert.x, created after every service event loop has run and been noted. */
    void startClient() {
        if (client != null) {
            return;
        }
        List<CompletableFuture<?>> warm = new ArrayList<>();
        for (int i = 0; i < 32; i++) { // separate clients: separate connections, spread over the loops
            warm.add(HttpClient.newHttpClient()
                    .sendAsync(
                            HttpRequest.newBuilder(base.resolve("/q/health")).build(),
                            HttpResponse.BodyHandlers.discarding()));
        }
        warm.forEach(CompletableFuture::join);
        serverLoops = new HashSet<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                serverLoops.add(info.getThreadId());
            }
        }
        client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2))
                .createWebSocketClient(new WebSocketClientOptions()
                        .setMaxConnections(50_000)
                        .setMaxFrameSize(65_536)
                        .setConnectTimeout(30_000));
    }

    List<List<Participant>> connect(int rooms, int perRoom) throws Exception {
        startClient();
        long project = Fixtures.registerProject("applicant");
        List<Long> sessions = new ArrayList<>();
        for (int made = 0; made < rooms; made += 50) { // short transactions
            sessions.addAll(fixture.benchSessions(project, Math.min(50, rooms - made)));
        }
        List<List<Participant>> all = new ArrayList<>();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (long s : sessions) {
            List<Participant> room = new ArrayList<>();
            for (String u : RoomFixture.BENCH_SEATS.subList(0, perRoom)) {
                Participant p = new Participant();
                WebSocketConnectOptions options = new WebSocketConnectOptions()
                        .setHost(base.getHost())
                        .setPort(base.getPort())
                        .setURI("/rooms/" + s + "?token=" + fixture.token(s, u));
                ClientWebSocket ws = client.webSocket();
                ws.textMessageHandler(p::onText); // before connecting: the welcome comes at once
                p.socket = ws;
                pending.add(ws.connect(options).toCompletionStage().toCompletableFuture());
                room.add(p);
                if (pending.size() >= 200) { // keep the handshake queue short
                    pending.forEach(CompletableFuture::join);
                    pending.clear();
                }
            }
            all.add(room);
        }
        pending.forEach(f -> f.exceptionally(e -> null).join());
        // Wait until everyone is welcomed, or nobody more has been for 30 s (then count who was).
        long last = -1;
        long stalledSince = System.nanoTime();
        while (true) {
            long welcomed = all.stream()
                    .flatMap(List::stream)
                    .filter(p -> p.welcomed.getCount() == 0)
                    .count();
            if (welcomed == (long) rooms * perRoom || System.nanoTime() - stalledSince > 30_000_000_000L) {
                break;
            }
            if (welcomed != last) {
                last = welcomed;
                stalledSince = System.nanoTime();
            }
            Thread.sleep(200);
        }
        return all;
    }

    @Test
    void relay() throws Exception {
        int rooms = Integer.getInteger("bench.rooms", 100);
        int perRoom = Integer.getInteger("bench.per-room", 10);
        int rate = Integer.getInteger("bench.rate", 10_000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int bytes = Integer.getInteger("bench.bytes", 2048);
        long t0 = System.nanoTime();
        List<List<Participant>> all = connect(rooms, perRoom);
        report(
                "connected %d of %d participants in %d rooms in %.1f s%n",
                welcomed(all), rooms * perRoom, rooms, (System.nanoTime() - t0) / 1e9);

        String sdp = "v=0 " + "x".repeat(Math.max(0, bytes - 120));
        List<Participant> flat = all.stream().flatMap(List::stream).toList();
        // Warm up, then measure.
        drive(all, flat, sdp, rate, 5);
        for (int i = 0; i < LATENCY.length(); i++) {
            LATENCY.set(i, 0);
        }
        RECEIVED.set(0);
        long cpu0 = serverCpuNanos();
        long process0 = processCpuNanos();
        long wall0 = System.nanoTime();
        long sent = drive(all, flat, sdp, rate, seconds);
        Thread.sleep(500);
        long cpu = serverCpuNanos() - cpu0;
        long process = processCpuNanos() - process0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        long received = RECEIVED.get();
        report(
                "relay: %d participants, %d rooms, %d-byte offers, target %d msg/s for %d s%n",
                flat.size(), rooms, bytes, rate, seconds);
        report("  sent %d, relayed %d (%.0f msg/s achieved)%n", sent, received, received / wall);
        report("  latency p50 %d us, p99 %d us, p99.9 %d us, max %d us%n", pct(0.50), pct(0.99), pct(0.999), pct(1.0));
        report(
                "  server CPU %.1f us per relayed message (%.0f%% of one core)%n",
                cpu / 1000.0 / received, cpu / 1e7 / wall);
        report(
                "  whole JVM (service + load generator + JIT/GC) CPU %.1f us per message; load average %s%n",
                process / 1000.0 / received,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        report("  JVM (service + load generator) RSS %d MB, peak %d MB%n", rss("VmRSS"), rss("VmHWM"));
        for (Participant p : flat) {
            p.socket.close();
        }

        int idle = Integer.getInteger("bench.idle", 0);
        if (idle > 0) {
            long before = rss("VmRSS");
            long t1 = System.nanoTime();
            List<List<Participant>> idlers = connect(idle / perRoom, perRoom);
            System.gc();
            Thread.sleep(2000);
            long after = rss("VmRSS");
            Runtime rt = Runtime.getRuntime();
            report(
                    "idle: %d of %d participants connected and welcomed in %.1f s; JVM RSS %d MB (was %d MB before them, peak %d MB), heap used %d MB%n",
                    welcomed(idlers),
                    idlers.size() * perRoom,
                    (System.nanoTime() - t1) / 1e9,
                    after,
                    before,
                    rss("VmHWM"),
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
            idlers.forEach(r -> r.forEach(p -> p.socket.close()));
        }
    }

    /** Each tick sends rate/100 messages from random participants to a random roommate. */
    long drive(List<List<Participant>> rooms, List<Participant> flat, String sdp, int rate, int seconds)
            throws Exception {
        var ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sent = new AtomicLong();
        int perTick = rate / 100;
        int perRoom = rooms.get(0).size();
        var task = ticker.scheduleAtFixedRate(
                () -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < perTick; i++) {
                        int r = rnd.nextInt(rooms.size());
                        List<Participant> room = rooms.get(r);
                        Participant from = room.get(rnd.nextInt(perRoom));
                        Participant to = room.get(rnd.nextInt(perRoom));
                        if (from == to || from.id == null || to.id == null) {
                            continue;
                        }
                        String msg = "{\"type\":\"offer\",\"to\":\"" + to.id + "\",\"data\":{\"type\":\"offer\",\"t\":"
                                + System.nanoTime() + ",\"sdp\":\"" + sdp + "\"}}";
                        from.socket.writeTextMessage(msg);
                        sent.incrementAndGet();
                    }
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        Thread.sleep(seconds * 1000L);
        task.cancel(false);
        ticker.shutdown();
        return sent.get();
    }

    static long serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null
                    && (serverLoops.contains(info.getThreadId())
                            || info.getThreadName().startsWith("executor-thread")
                            || info.getThreadName().startsWith("vert.x-acceptor"))) {
                total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    static long welcomed(List<List<Participant>> rooms) {
        return rooms.stream()
                .flatMap(List::stream)
                .filter(p -> p.welcomed.getCount() == 0)
                .count();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long pct(double p) {
        long total = 0;
        for (int i = 0; i < LATENCY.length(); i++) {
            total += LATENCY.get(i);
        }
        long want = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < LATENCY.length(); i++) {
            seen += LATENCY.get(i);
            if (seen >= want && LATENCY.get(i) > 0) {
                return i;
            }
        }
        return -1;
    }

    static long rss(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    static void report(String format, Object... args) throws Exception {
        String line = String.format(format, args);
        System.out.print("BENCH " + line);
        Files.writeString(
                Path.of("target/room-bench.txt"),
                line,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
