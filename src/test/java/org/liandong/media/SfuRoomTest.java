package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.support.Awaits;

/**
 * Eight participants in one {@code sfu} room on real Janus hosts with real webrtc-java peers:
 * everyone receives everyone else; an excused participant stops receiving and resumes when
 * admitted; killing the room's Janus brings the room back on the other host.
 */
@Tag("media")
class SfuRoomTest {
    static final int PARTICIPANTS = 8;
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final List<SfuTestClient> clients = new ArrayList<>();
    LocalMedia.Running first;
    LocalMedia.Running second;
    PeerConnectionFactory factory;
    JanusPool pool;
    SfuRoom room;

    @AfterEach
    void stop() throws Exception {
        clients.forEach(SfuTestClient::close);
        if (room != null) {
            room.close().join();
        }
        if (pool != null) {
            pool.close();
        }
        if (factory != null) {
            factory.dispose();
        }
        timer.shutdownNow();
        for (LocalMedia.Running janus : new LocalMedia.Running[] {first, second}) {
            if (janus != null) {
                janus.close();
            }
        }
    }

    @Test
    void eightParticipantsSeeEachOtherSurviveExcuseAndAJanusCrash() throws Exception {
        first = LocalMedia.startJanus("janus-sfu-room-a");
        second = LocalMedia.startJanus("janus-sfu-room-b");
        factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        JanusSettings settings = TestMediaConfig.janus().withReconnectWindow(Duration.ofSeconds(2));
        AtomicReference<SfuRoom> roomRef = new AtomicReference<>();
        pool = new JanusPool(
                List.of(LocalMedia.janusUri(first), LocalMedia.janusUri(second)),
                settings,
                timer,
                Duration.ofMinutes(1),
                lost -> roomRef.get().recover());
        Map<String, SfuTestClient> byPeer = new ConcurrentHashMap<>();
        room = new SfuRoom(
                77,
                pool,
                settings,
                Path.of("target", "sfu-room-recordings").toAbsolutePath(),
                (peer, type, from, data) -> byPeer.get(peer).receive(type, from, data));
        roomRef.set(room);
        room.open().get(10, TimeUnit.SECONDS);

        long start = System.nanoTime();
        Usage joining = Usage.start(room.host().uri().equals(LocalMedia.janusUri(first)) ? first : second);
        for (int i = 1; i <= PARTICIPANTS; i++) {
            SfuTestClient client = new SfuTestClient("p" + i, room::relay, factory);
            clients.add(client);
            byPeer.put(client.peer, client);
            room.join(client.peer);
            client.publish();
        }
        awaitEveryoneSeesEveryone(Duration.ofSeconds(60));
        System.out.printf(
                "MEDIA-FIGURE sfu %d participants: every one received frames from all %d others %d ms"
                        + " after the first join%n",
                PARTICIPANTS, PARTICIPANTS - 1, (System.nanoTime() - start) / 1_000_000);
        joining.report("joining", PARTICIPANTS);
        SfuTestClient watcher = clients.get(0);
        int counted = watcher.framesFrom("p2");
        Usage usage = Usage.start(room.host().uri().equals(LocalMedia.janusUri(first)) ? first : second);
        Thread.sleep(5000); // a measuring window for the figure, not a wait
        System.out.printf(
                "MEDIA-FIGURE sfu %d participants: %.1f fps per remote feed (320x240 sent at 15 fps)%n",
                PARTICIPANTS, (watcher.framesFrom("p2") - counted) / 5.0);
        usage.report("steady state", PARTICIPANTS);

        // The applicant (p8) is excused: Janus stops sending it anything; admitted, it flows again.
        SfuTestClient applicant = clients.get(PARTICIPANTS - 1);
        room.excuse(applicant.peer);
        Awaits.quiet("the excused participant stops receiving", applicant::totalFrames, 5);
        room.admit(applicant.peer);
        int admittedAt = applicant.totalFrames();
        awaitTrue(
                () -> applicant.totalFrames() > admittedAt + 50,
                Duration.ofSeconds(10),
                "admitted participant receives again");

        // Kill -9 the room's Janus: the room comes back on the other host, everyone renegotiates.
        JanusPool.Host before = room.host();
        long killedAt = System.nanoTime();
        (before.uri().equals(LocalMedia.janusUri(first)) ? first : second).kill();
        awaitTrue(() -> room.host() != before, Duration.ofSeconds(15), "room moved to the other Janus");
        assertNotEquals(before.uri(), room.host().uri());
        awaitEveryoneSeesEveryone(Duration.ofSeconds(60));
        System.out.printf(
                "MEDIA-FIGURE sfu Janus kill -9 -> all %d participants see each other again after %d ms%n",
                PARTICIPANTS, (System.nanoTime() - killedAt) / 1_000_000);
    }

    /**
     * CPU of the service's Janus-facing threads (room executors, WebSocket client, keepalive) and
     * of the Janus process over a steady-state window; not assertions, figures for bench/RESULTS.md.
     */
    record Usage(LocalMedia.Running janus, long serviceCpuNanos, long janusTicks, long wallNanos) {
        static Usage start(LocalMedia.Running janus) throws Exception {
            return new Usage(janus, serviceCpu(), janusTicks(janus), System.nanoTime());
        }

        void report(String phase, int participants) throws Exception {
            double wall = (System.nanoTime() - wallNanos) / 1e9;
            // Threads that ended between the samples drop out of the sum: never report below zero.
            double service = Math.max(0, (serviceCpu() - serviceCpuNanos) / 1e9 / wall * 100);
            double janusCpu = (janusTicks(janus) - janusTicks) / 100.0 / wall * 100;
            String rss = java.nio.file.Files.readAllLines(Path.of("/proc/" + janus.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS"))
                    .findFirst()
                    .orElse("VmRSS: ?")
                    .replaceAll("\\s+", " ");
            System.out.printf(
                    "MEDIA-FIGURE sfu %d participants %s (%.1f s): service Janus-signaling threads %.2f%% of"
                            + " one core (%.3f%% per participant); Janus %.1f%% of one core, %s%n",
                    participants, phase, wall, service, service / participants, janusCpu, rss);
        }

        private static long serviceCpu() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long total = 0;
            for (java.lang.management.ThreadInfo info : threads.dumpAllThreads(false, false)) {
                String name = info.getThreadName();
                if (name.startsWith("sfu-room") || name.startsWith("HttpClient") || name.startsWith("janus")) {
                    total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return total;
        }

        private static long janusTicks(LocalMedia.Running janus) throws Exception {
            String[] stat = java.nio.file.Files.readString(Path.of("/proc/" + janus.pid() + "/stat"))
                    .replaceFirst(".*\\) ", "")
                    .split(" ");
            return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime (fields 14, 15)
        }
    }

    private void awaitEveryoneSeesEveryone(Duration within) {
        awaitTrue(
                () -> clients.stream()
                        .allMatch(c -> clients.stream().filter(o -> o != c).allMatch(o -> c.framesFrom(o.peer) >= 5)),
                within,
                "every participant receives frames from every other");
    }

    private void awaitTrue(java.util.function.BooleanSupplier condition, Duration within, String what) {
        try {
            org.awaitility.Awaitility.await(what)
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(100))
                    .until(condition::getAsBoolean);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder seen = new StringBuilder();
            for (SfuTestClient c : clients) {
                seen.append(c.peer).append(':');
                clients.stream()
                        .filter(o -> o != c)
                        .forEach(
                                o -> seen.append(' ').append(o.peer).append('=').append(c.framesFrom(o.peer)));
                seen.append('\n');
            }
            throw new AssertionError(what + " (timed out)\n" + seen, e);
        }
    }
}
