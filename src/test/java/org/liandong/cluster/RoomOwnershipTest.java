package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.at;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liandong.room.protocol.Command;
import org.liandong.room.protocol.Message;
import org.liandong.room.state.DepartmentRef;
import org.liandong.room.state.Effect;
import org.liandong.room.state.Phase;
import org.liandong.room.state.RoomState;
import org.liandong.session.Admission;
import org.liandong.session.AttendanceService;
import org.liandong.session.LeaveReason;
import org.liandong.session.SessionRole;
import org.liandong.support.Fixtures;

/**
 * Room ownership across nodes against the real Redis (DB 5, a prefix per run) and the real database:
 * leases with epochs, the PostgreSQL fence that refuses a stale owner, and snapshots that carry a
 * room's seats to the next owner. Two nodes are played by two lease holders with different names.
 */
@QuarkusTest
@TestProfile(RedisCluster.class)
class RoomOwnershipTest {

    @Inject
    ClusterRedis redis;

    @Inject
    ClusterConfig config;

    @Inject
    RoomLeases leasesA;

    @Inject
    RoomFence fence;

    @Inject
    RoomSnapshots snapshots;

    @Inject
    ObjectMapper json;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    AttendanceService attendance;

    @Inject
    Fixtures fx;

    @Inject
    RoomCommands commandsA;

    @Inject
    RedisSeal seal;

    RoomLeases leasesB;

    @BeforeEach
    void nodeB() {
        RedisCluster.requireRedis();
        leasesB = new RoomLeases(redis, config, new NodeIdentity("test-node-b"));
    }

    @Test
    void oneOwnerAtATimeAndEveryTakeoverRaisesTheEpoch() {
        long room = 900_000 + System.nanoTime() % 100_000;
        long e1 = leasesA.acquire(room).orElseThrow();
        assertEquals(OptionalLong.of(e1), leasesA.acquire(room), "the owner keeps its epoch");
        assertTrue(leasesB.acquire(room).isEmpty(), "held by A");
        assertEquals(RoomLeases.Renewal.KEPT, leasesA.renew(room, e1));

        // A stops renewing (killed, or paused): B takes the room once the lease has run out.
        long e2 = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> leasesB.acquire(room), OptionalLong::isPresent)
                .getAsLong();
        assertTrue(e2 > e1, e2 + " > " + e1);
        assertEquals(
                RoomLeases.Renewal.LOST, leasesA.renew(room, e1), "A learns at its next renewal that it lost the room");
        assertEquals("test-node-b " + e2, leasesB.holder(room).orElseThrow());

        leasesB.release(room, e2);
        assertTrue(leasesB.holder(room).isEmpty(), "released at once on a graceful stop");
    }

    @Test
    void aLeaseThatExpiredWhileNobodyCouldTakeItIsKeptWithItsEpoch() {
        long room = 800_000 + System.nanoTime() % 100_000;
        long e1 = leasesA.acquire(room).orElseThrow();
        redis.call(api -> api.del(List.of(leasesA.ownerKey(room)))); // as if it expired during a Redis outage
        assertEquals(RoomLeases.Renewal.TAKEN_BACK, leasesA.renew(room, e1), "nobody took it: A keeps the room");
        assertEquals("test-node-a " + e1, leasesA.holder(room).orElseThrow());

        // Redis came back empty (restarted without persistence): A takes the room back with its epoch,
        // and the counter is raised to it, so that the next owner fences above it.
        redis.call(api -> api.del(List.of(leasesA.ownerKey(room), leasesA.epochKey(room))));
        assertEquals(RoomLeases.Renewal.TAKEN_BACK, leasesA.renew(room, e1));
        leasesA.release(room, e1);
        assertEquals(OptionalLong.of(e1 + 1), leasesB.acquire(room));
        assertEquals(RoomLeases.Renewal.LOST, leasesA.renew(room, e1), "held by B now");
    }

    @Test
    void afterRedisLostItsDataTheEpochIsRaisedPastWhatPostgresqlRemembers() {
        long room = 600_000 + System.nanoTime() % 100_000;
        leasesA.acquire(room).orElseThrow();
        redis.call(api -> api.del(List.of(leasesA.ownerKey(room), leasesA.epochKey(room)))); // Redis restarted empty
        leasesA.raiseEpochTo(room, 10); // PostgreSQL's room_epoch said 10
        assertEquals(OptionalLong.of(11), leasesB.acquire(room), "the next owner fences above the old epochs");
        leasesB.raiseEpochTo(room, 5);
        leasesB.release(room, 11);
        assertEquals(OptionalLong.of(12), leasesA.acquire(room), "never lowered");
    }

    @Test
    void aRoomIsHandedOverAtMostFourTimesAMinuteWhicheverNodeAsks() {
        long room = 700_000 + System.nanoTime() % 100_000;
        for (int i = 1; i <= config.handOversPerMinute(); i++) {
            assertTrue(i % 2 == 0 ? leasesA.spendHandOver(room) : leasesB.spendHandOver(room), "hand-over " + i);
        }
        assertFalse(leasesA.spendHandOver(room), "spent for this minute");
        assertFalse(leasesB.spendHandOver(room), "on every node");
        assertTrue(leasesA.spendHandOver(room + 1), "another room has its own");
    }

    @Test
    void aCommandPublishedOnOneNodeReachesTheOthersButNotItself() {
        java.util.List<RoomCommands.RoomCommand> atB = new java.util.concurrent.CopyOnWriteArrayList<>();
        RoomCommands nodeB = new RoomCommands(redis, new NodeIdentity("test-node-b"), json, seal);
        nodeB.listen(atB::add);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(nodeB::subscribed);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(commandsA::subscribed);

        commandsA.publish(42, "withdraw", 7L);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !atB.isEmpty());
        assertEquals("test-node-a 42 withdraw 7", brief(atB.get(0)));
    }

    @Test
    void aGenuineCommandReplayedOrMadeLongAgoIsDropped() throws Exception {
        java.util.List<RoomCommands.RoomCommand> atB = new java.util.concurrent.CopyOnWriteArrayList<>();
        RoomCommands nodeB = new RoomCommands(redis, new NodeIdentity("test-node-b"), json, seal);
        nodeB.listen(atB::add);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(nodeB::subscribed);

        // Whoever can publish on the nodes' Redis (but has no secret) replays what they saw go by:
        // a withdrawal made long ago (the person was invited again since), then a fresh one twice.
        RoomCommands.RoomCommand old = new RoomCommands.RoomCommand(
                "test-node-a",
                45,
                "withdraw",
                7L,
                null,
                null,
                null,
                null,
                "n-old",
                System.currentTimeMillis() - 60_000);
        String fresh = seal.seal(
                commandsA.channel(),
                json.writeValueAsString(new RoomCommands.RoomCommand("test-node-a", 46, "withdraw", 7L)));
        String stale = seal.seal(commandsA.channel(), json.writeValueAsString(old));
        redis.call(api -> api.publish(commandsA.channel(), stale));
        redis.call(api -> api.publish(commandsA.channel(), fresh));
        redis.call(api -> api.publish(commandsA.channel(), fresh));
        String marker = seal.seal(
                commandsA.channel(),
                json.writeValueAsString(new RoomCommands.RoomCommand("test-node-a", 47, "end", null)));
        redis.call(api -> api.publish(commandsA.channel(), marker));

        // Pub/sub keeps order on one connection: once the marker is in, the others were decided.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> atB.stream().anyMatch(c -> c.sessionId() == 47));
        assertEquals(
                List.of("test-node-a 46 withdraw 7", "test-node-a 47 end null"),
                atB.stream().map(RoomOwnershipTest::brief).toList());
    }

    private static String brief(RoomCommands.RoomCommand c) {
        return c.origin() + " " + c.sessionId() + " " + c.kind() + " " + c.personId();
    }

    @Test
    void aForgedCommandIsDroppedAndCounted() throws Exception {
        java.util.List<RoomCommands.RoomCommand> atB = new java.util.concurrent.CopyOnWriteArrayList<>();
        RoomCommands nodeB = new RoomCommands(redis, new NodeIdentity("test-node-b"), json, seal);
        nodeB.listen(atB::add);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(nodeB::subscribed);
        long before = seal.refused("room command");

        // Whoever can write to Redis but lacks the nodes' secret: no MAC, then a MAC under another key.
        String end = json.writeValueAsString(new RoomCommands.RoomCommand("intruder", 43, "end", null));
        redis.call(api -> api.publish(commandsA.channel(), end));
        String wrongMac = new RedisSeal(Optional.of("another-secret-of-more-than-32-characters"), List.of(), meters)
                .seal(commandsA.channel(), end);
        redis.call(api -> api.publish(commandsA.channel(), wrongMac));
        // A genuine command for another room, its MAC moved onto the forged text.
        String genuine = seal.seal(
                commandsA.channel(),
                json.writeValueAsString(new RoomCommands.RoomCommand("test-node-a", 44, "withdraw", 7L)));
        redis.call(api -> api.publish(commandsA.channel(), genuine.substring(0, 44) + end));
        redis.call(api -> api.publish(commandsA.channel(), genuine));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !atB.isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seal.refused("room command") >= before + 3);
        assertEquals(
                List.of("test-node-a 44 withdraw 7"),
                atB.stream().map(RoomOwnershipTest::brief).toList());
    }

    @Test
    void aForgedSnapshotIsNotRestored() throws Exception {
        Instant t0 = Instant.parse("2026-11-29T01:00:00Z");
        RoomState a = new RoomState(Phase.IN_PROGRESS, List.of(DRC, NR), "mesh", 6, Duration.ofSeconds(30));
        a.join(seat(1, "chair", SessionRole.CHAIR, DRC), "c1", List.of(), t0);
        String planted = json.writeValueAsString(a.snapshot(t0));
        long room = 500_000 + System.nanoTime() % 100_000;
        long other = room + 1;
        long before = seal.refused("room snapshot");

        redis.call(api -> api.set(List.of(snapshots.key(room), planted)));
        assertTrue(snapshots.read(room).isEmpty(), "a snapshot without a MAC is not restored");
        // A genuine snapshot of another room, copied onto this one: the MAC covers the key.
        long epoch = leasesA.acquire(other).orElseThrow();
        assertTrue(snapshots.write(other, epoch, a.snapshot(t0)));
        String copied = redis.call(api -> api.get(snapshots.key(other))).toString();
        redis.call(api -> api.set(List.of(snapshots.key(room), copied)));
        assertTrue(snapshots.read(room).isEmpty(), "a snapshot moved from another room is not restored");
        assertEquals(before + 2, seal.refused("room snapshot"));
        assertEquals(1, snapshots.read(other).orElseThrow().seats().size(), "the genuine one still reads");
    }

    @Test
    void aStaleOwnerCannotWriteAttendanceAfterTheTakeover() {
        long session = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(fx.freeDay(), 10, 0)));
        long person = Fixtures.personId("city.drc");
        fence.advance(session, 1); // node A opened the room at epoch 1
        QuarkusTransaction.requiringNew().run(() -> {
            fence.check(session, 1);
            attendance.recordJoin(session, person, SessionRole.OFFICIAL, null, Instant.now());
        });
        fence.advance(session, 2); // node B took it over at epoch 2

        assertThrows(
                RoomFence.StaleOwner.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    fence.check(session, 1);
                    attendance.recordLeave(session, person, LeaveReason.LEFT, Instant.now());
                }));
        assertThrows(RoomFence.StaleOwner.class, () -> fence.advance(session, 1), "A cannot reopen it either");
        QuarkusTransaction.requiringNew().run(() -> fence.check(session, 2)); // B writes
        List<org.liandong.session.AttendanceView> entries =
                QuarkusTransaction.requiringNew().call(() -> attendance.listAttendance(session));
        assertEquals(1, entries.size());
        assertEquals(null, entries.get(0).leftAt(), "A's leave was refused: " + entries);
    }

    static final DepartmentRef DRC = new DepartmentRef(10, "DRC", "发改委", "DRC");
    static final DepartmentRef NR = new DepartmentRef(11, "NR", "自然资源局", "Natural Resources");

    static Admission seat(long id, String name, SessionRole role, DepartmentRef d) {
        return org.liandong.room.RoomStateTest.seat(id, name, role, d);
    }

    @Test
    void aSnapshotThroughRedisCarriesSeatsLobbyHandsAgendaRemovalAndChat() {
        RedisCluster.requireRedis();
        Instant t0 = Instant.parse("2026-11-27T01:00:00Z");
        Admission chair = seat(1, "chair", SessionRole.CHAIR, DRC);
        Admission nr = seat(2, "city.nr", SessionRole.OFFICIAL, NR);
        Admission drc2 = seat(5, "city.drc2", SessionRole.OFFICIAL, DRC);
        Admission applicant = seat(3, "applicant", SessionRole.APPLICANT, null);
        Admission observer = seat(4, "observer", SessionRole.OBSERVER, null);
        RoomState a = new RoomState(Phase.IN_PROGRESS, List.of(DRC, NR), "mesh", 6, Duration.ofSeconds(30));
        String c = a.join(chair, "c1", List.of(), t0).peer();
        String n = a.join(nr, "c2", List.of(), t0).peer();
        String d = a.join(drc2, "c5", List.of(), t0).peer();
        String app = a.join(applicant, "c3", List.of(), t0).peer();
        String obs = a.join(observer, "c4", List.of(), t0).peer();
        a.handle(n, new Command.Hand(true), t0);
        a.handle(d, new Command.Hand(true), t0);
        a.handle(c, new Command.Agenda(3), t0);
        a.handle(c, new Command.Chat("第三项"), t0);
        a.handle(c, new Command.Remove(obs), t0);
        assertTrue(a.inLobby(app));

        long room = 700_000 + System.nanoTime() % 100_000;
        long epoch = leasesA.acquire(room).orElseThrow();
        assertTrue(snapshots.write(room, epoch, a.snapshot(t0)));
        assertFalse(
                new RoomSnapshots(redis, config, new NodeIdentity("test-node-b"), json, seal)
                        .write(room, epoch, a.snapshot(t0)),
                "only the lease holder writes the room's snapshot");
        RoomState.Snapshot read = snapshots.read(room).orElseThrow();

        // Node B restores it into a fresh room, as after the owner's death.
        RoomState b = new RoomState(Phase.OPEN, List.of(DRC, NR), "mesh", 6, Duration.ofSeconds(30));
        Instant t1 = t0.plusSeconds(5);
        List<Effect> restored = b.restore(read, t1);
        assertEquals(
                4,
                restored.stream()
                        .filter(e -> e instanceof Effect.RecordLeave l
                                && l.reason() == LeaveReason.DROPPED
                                && l.at().equals(t0))
                        .count(),
                "every present seat shows a gap from the snapshot's time, not a leave: " + restored);
        assertEquals(Phase.IN_PROGRESS, b.phase());
        assertEquals(c, b.chair());
        assertEquals(List.of(n, d), b.hands());
        assertTrue(b.inLobby(app), "the applicant is still in the lobby");
        assertThrows(Command.Invalid.class, () -> b.join(observer, "x", List.of(), t1), "the removed person stays out");

        RoomState.Joined back = b.join(chair, "c1b", List.of(), t1);
        assertEquals(c, back.peer(), "same seat");
        Message.Welcome w = back.effects().stream()
                .filter(e -> e instanceof Effect.Send s && s.message() instanceof Message.Welcome)
                .map(e -> (Message.Welcome) ((Effect.Send) e).message())
                .findFirst()
                .orElseThrow();
        assertTrue(w.resumed(), "resumed: true");
        assertTrue(w.chair());
        assertEquals("CHAIR", w.role());
        assertEquals(3, w.room().agenda());
        assertEquals(List.of(n, d), w.room().hands());
        assertEquals("第三项", w.room().chat().get(w.room().chat().size() - 1).text());
        assertNotNull(b.snapshot(t1));
    }
}
