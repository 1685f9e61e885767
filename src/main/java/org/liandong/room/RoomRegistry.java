package org.liandong.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.liandong.cluster.ClusterConfig;
import org.liandong.cluster.ClusterRedis;
import org.liandong.cluster.RoomCommands;
import org.liandong.cluster.RoomFence;
import org.liandong.cluster.RoomLeases;
import org.liandong.cluster.RoomSnapshots;
import org.liandong.common.ProblemException;
import org.liandong.room.media.MediaBackend;
import org.liandong.room.protocol.Message;
import org.liandong.room.state.Effect;
import org.liandong.room.state.ErrorCode;
import org.liandong.room.state.RoomState;

/**
 * The live rooms of this node. Each {@link LiveRoom} pairs a {@link RoomState} with the sockets of
 * its peers; every state call happens under that room's one lock, and the effects it returns are
 * carried out here: sends and closes at once, database work in order on a worker thread.
 *
 * <p>Several nodes (liandong.cluster.enabled, docs/cluster.md): a room opens here only with its lease
 * (else {@link HeldElsewhere}: the upgrade waits for the lease, see {@link RoomAdmissionCheck}),
 * carries the lease's epoch on every database write, restores the snapshot a dead owner left, and
 * writes its own after each change. When the proxy sends a room's sockets to another node while this
 * one still holds it, the room is handed over to that node ({@link #askHandOver}).
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Logger LOG = Logger.getLogger(RoomRegistry.class);
    /** Close codes, documented in docs/signaling.md. */
    static final int CLOSE_GOING_AWAY = 1001;

    static final int CLOSE_REMOVED = 4001;
    static final int CLOSE_REPLACED = 4002;
    static final int CLOSE_RATE = 4008;
    static final int CLOSE_ENDED = 4009;
    /**
     * RFC 6455 / IANA 1012 "Service Restart": this node stops or lost the room's lease; reconnect at
     * once (another node carries the room on, every seat kept).
     */
    static final int CLOSE_RECONNECT = 1012;

    private final Map<Long, LiveRoom> rooms = new ConcurrentHashMap<>();
    private final SessionGateway sessions;
    private final RoomConfig config;
    private final MediaBackend media;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClusterRedis redis;
    private final RoomLeases leases;
    private final RoomSnapshots snapshots;
    private final RoomCommands commands;
    private final ClusterConfig cluster;
    /**
     * Another node holds the room's lease (503). While a dead owner's lease runs out the upgrade
     * waits and tries again ({@link RoomAdmissionCheck}); a live owner is asked to hand over.
     */
    public static final class HeldElsewhere extends SessionGateway.RoomRefused {
        /** How long the holder's lease still runs (ms): it grows only when a live holder renews. */
        final long leaseLeftMillis;

        HeldElsewhere(long sessionId, long leaseLeftMillis) {
            super(503, "room " + sessionId + " is held by another node; retry shortly");
            this.leaseLeftMillis = leaseLeftMillis;
        }
    }

    /** Set on SIGTERM in a cluster: no room opens here any more (the upgrade gets 503, the retry goes elsewhere). */
    private volatile boolean draining;

    RoomRegistry(
            SessionGateway sessions,
            RoomConfig config,
            MediaBackend media,
            ObjectMapper json,
            Clock clock,
            ClusterRedis redis,
            RoomLeases leases,
            RoomSnapshots snapshots,
            RoomCommands commands,
            ClusterConfig cluster) {
        this.commands = commands;
        this.cluster = cluster;
        this.redis = redis;
        this.leases = leases;
        this.snapshots = snapshots;
        this.sessions = sessions;
        this.config = config;
        this.media = media;
        this.json = json;
        this.clock = clock;
    }

    /** One room: its state, its peers' sockets, and the queue of its database work. */
    final class LiveRoom {
        final long sessionId;
        final RoomState state;
        /** Scheduled end plus end grace: the room ends for everyone then (README "When a session ends"). */
        final Instant closesAt;
        /**
         * The lease epoch this node holds the room with; 0 on a single node, or for a room opened
         * while Redis was down until it takes its lease ({@link #adopt}).
         */
        volatile long epoch;
        /** When this node opened (or took over) the room: a hand-over is refused before {@code hand-over-after}. */
        final Instant openedAt = clock.instant();
        /** Orders a renewal with the release of a room that left this node ({@link #renew}). */
        final Object leaseLock = new Object();

        final Map<String, WebSocketConnection> sockets = new ConcurrentHashMap<>();
        final Map<String, WebSocketConnection> connections = new ConcurrentHashMap<>();
        private CompletableFuture<Void> storage = CompletableFuture.completedFuture(null);

        LiveRoom(long sessionId, RoomState state, Instant closesAt, long epoch) {
            this.epoch = epoch;
            this.sessionId = sessionId;
            this.state = state;
            this.closesAt = closesAt;
        }

        /** Runs one state transition under the room lock and carries out its effects. */
        <T> T apply(Function<RoomState, T> transition, Function<T, List<Effect>> effectsOf) {
            T result;
            List<Effect> effects;
            synchronized (this) {
                result = transition.apply(state);
                effects = effectsOf.apply(result);
                // Sends are queued on the sockets inside the lock so that every peer sees the room's order.
                effects.forEach(this::carryOut);
            }
            snapshots.changed(sessionId, epoch, this::snapshot);
            return result;
        }

        synchronized RoomState.Snapshot snapshot() {
            return state.snapshot(clock.instant()).withMedia(media.handOver(sessionId));
        }

        void run(Function<RoomState, List<Effect>> transition) {
            apply(transition, Function.identity());
        }

        private void carryOut(Effect effect) {
            if (effect instanceof Effect.Send send) {
                if (send.to().isEmpty()) {
                    return;
                }
                String text = encode(send.message());
                for (String peer : send.to()) {
                    WebSocketConnection c = sockets.get(peer);
                    if (c != null && c.isOpen()) {
                        c.sendText(text).subscribe().with(ok -> {}, e -> LOG.debugf("send to %s failed: %s", peer, e));
                    }
                }
            } else if (effect instanceof Effect.Close close) {
                WebSocketConnection c = connections.remove(close.connection());
                if (c != null) {
                    sockets.remove(close.peer(), c);
                    int code = switch (close.why()) {
                        case REPLACED -> CLOSE_REPLACED;
                        case ENDED -> CLOSE_ENDED;
                        case REMOVED -> CLOSE_REMOVED;
                    };
                    if (c.isOpen()) { // one that died on its own needs no close (the framework would warn)
                        c.close(new CloseReason(code, close.reason()))
                                .subscribe()
                                .with(ok -> {}, e -> {});
                    }
                }
            } else if (effect instanceof Effect.Media m) {
                toMedia(m);
            } else if (effect instanceof Effect.RecordJoin j) {
                store(() -> sessions.recordJoin(sessionId, epoch, j.admission(), j.at()));
            } else if (effect instanceof Effect.RecordLeave l) {
                store(() -> sessions.recordLeave(sessionId, epoch, l.admission(), l.reason(), l.at()));
            } else if (effect instanceof Effect.RecordRemoval r) {
                store(() -> sessions.recordRemoval(sessionId, epoch, r.admission(), r.by(), r.at()));
            } else if (effect instanceof Effect.RecordAgendaStep a) {
                store(() -> {
                    try {
                        sessions.recordAgendaStep(sessionId, epoch, a.step(), a.by(), a.at());
                    } catch (ProblemException e) {
                        // Not in progress, or no such step: the room moved on, the record does not.
                        LOG.debugf("room %d: agenda step %d not recorded: %s", sessionId, a.step(), e.getMessage());
                    }
                });
            } else if (effect instanceof Effect.StartSession s) {
                store(() -> {
                    try {
                        sessions.start(sessionId, epoch, s.actor(), s.presentDepartments());
                        run(RoomState::started);
                    } catch (RoomFence.StaleOwner e) {
                        lost(this);
                    } catch (ProblemException e) {
                        // e.g. the stored session disagrees (cancelled meanwhile): tell the chair, change nothing.
                        run(st ->
                                List.of(st.error(s.requestedBy(), ErrorCode.SESSION_FAILED, e.getMessage(), "start")));
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "room %d: starting the session failed", sessionId);
                        run(st -> List.of(st.error(
                                s.requestedBy(),
                                ErrorCode.SESSION_FAILED,
                                "the session could not be started",
                                "start")));
                    }
                });
            }
        }

        /** One media effect, one backend callback; each only queues work, so the lock is not held long. */
        private void toMedia(Effect.Media m) {
            if (m instanceof Effect.Publish p) {
                media.publish(sessionId, p.peer(), p.name());
            } else if (m instanceof Effect.Republish r) {
                media.republish(sessionId, r.peer(), r.name(), r.muted());
            } else if (m instanceof Effect.PauseSubscription) {
                media.pauseSubscription(sessionId, m.peer());
            } else if (m instanceof Effect.ResumeSubscription) {
                media.resumeSubscription(sessionId, m.peer());
            } else if (m instanceof Effect.Kick) {
                media.kick(sessionId, m.peer());
            } else if (m instanceof Effect.Mute) {
                media.mute(sessionId, m.peer());
            } else if (m instanceof Effect.Unmute) {
                media.unmute(sessionId, m.peer());
            }
        }

        /** Database work keeps the room's order but never blocks an event loop. */
        private void store(Runnable work) {
            storage = storage.thenRunAsync(
                    () -> {
                        try {
                            work.run();
                        } catch (RoomFence.StaleOwner e) {
                            LOG.warnf("room %d: %s; this node lets the room go", sessionId, e.getMessage());
                            lost(this);
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "room %d: storing failed", sessionId);
                        }
                    },
                    Infrastructure.getDefaultWorkerPool());
        }
    }

    /**
     * The room of a session, created on first use (from a worker thread: it reads the session, and
     * with several nodes takes the lease and restores a dead owner's snapshot).
     *
     * @throws SessionGateway.RoomRefused 503 while another node holds the room's lease
     */
    LiveRoom room(long sessionId) {
        if (draining) {
            throw new SessionGateway.RoomRefused(503, "this node is shutting down; retry");
        }
        return rooms.computeIfAbsent(sessionId, id -> {
            SessionGateway.Setup setup = sessions.setup(id);
            long epoch = redis.enabled() ? lease(id) : 0;
            RoomState state = new RoomState(
                    setup.phase(), setup.requiredDepartments(), media.mode(), config.publisherCap(), config.grace());
            state.restoreRemoved(setup.removedPeople());
            LiveRoom room = new LiveRoom(id, state, setup.closesAt(), epoch);
            Optional<RoomState.Snapshot> restored = epoch != 0 ? restore(room) : Optional.empty();
            media.opened(id, (peer, message) -> room.run(s -> List.of(new Effect.Send(List.of(peer), message))));
            // After opened: the backend re-creates its side and cleans up after the dead owner's.
            restored.ifPresent(snapshot -> media.takenOver(id, snapshot.media()));
            return room;
        });
    }

    /** Takes the room's lease for this node; 0 (degraded, unfenced) while Redis is down. */
    private long lease(long sessionId) {
        try {
            RoomLeases.Attempt attempt = leases.attempt(sessionId);
            if (!attempt.taken()) {
                throw new HeldElsewhere(sessionId, attempt.othersLeaseMillis());
            }
            long epoch = attempt.epoch();
            sessions.takeOwnership(sessionId, epoch);
            return epoch;
        } catch (ClusterRedis.Unavailable e) {
            return 0;
        } catch (RoomFence.StaleOwner e) {
            // Redis forgot its epochs (restarted empty) while PostgreSQL remembers a higher one: let
            // go, raise the counter past it, and let the client's retry take a valid lease.
            try {
                leases.holder(sessionId)
                        .filter(h -> h.startsWith(leases.nodeId() + " "))
                        .ifPresent(h -> leases.release(sessionId, Long.parseLong(h.substring(h.lastIndexOf(' ') + 1))));
                leases.raiseEpochTo(sessionId, sessions.highestEpoch(sessionId));
            } catch (ClusterRedis.Unavailable again) {
                // the retry will find out
            }
            throw new SessionGateway.RoomRefused(503, e.getMessage());
        }
    }

    /** A dead (or drained) owner's snapshot: every seat held for a fresh grace period. Returns it if restored. */
    private Optional<RoomState.Snapshot> restore(LiveRoom room) {
        try {
            Optional<RoomState.Snapshot> snapshot = snapshots.read(room.sessionId);
            snapshot.ifPresent(s0 -> {
                room.run(s -> s.restore(s0, clock.instant()));
                LOG.infof(
                        "room %d: taken over at epoch %d with %d seats",
                        room.sessionId, room.epoch, s0.seats().size());
            });
            return snapshot;
        } catch (ClusterRedis.Unavailable e) {
            LOG.warnf("room %d: no snapshot (redis down); the room starts afresh", room.sessionId);
            return Optional.empty();
        }
    }

    /**
     * Renews the lease of every room held here. A room whose lease was lost (this node paused past
     * the TTL and another took it) is let go at once without writing anything: its sockets close with
     * 1012 and reconnect to the new owner. While Redis is down, rooms run on (degraded).
     */
    @Scheduled(
            every = "${liandong.cluster.lease-renew-every:PT1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        if (!redis.enabled()) {
            return;
        }
        for (LiveRoom room : rooms.values()) {
            try {
                renew(room);
            } catch (ClusterRedis.Unavailable e) {
                return; // logged once by ClusterRedis; try again next tick
            }
        }
    }

    /**
     * One room's renewal (see {@link #renewLeases}). Only for a room still held here: one handed over
     * or forgotten since the sweep began has released its lease, and the renewal script would take
     * a released lease back (rule 4, docs/cluster.md) for a room no longer here, so that the node the
     * room went to would wait out the lease TTL. Holding {@link LiveRoom#leaseLock} across the check
     * and the renewal orders it with the release.
     */
    void renew(LiveRoom room) {
        synchronized (room.leaseLock) {
            if (rooms.get(room.sessionId) != room) {
                return;
            }
            long epoch = room.epoch;
            if (epoch == 0) {
                adopt(room);
                return;
            }
            switch (leases.renew(room.sessionId, epoch)) {
                case KEPT -> {}
                case TAKEN_BACK -> {
                    // Redis came back empty, so its counter cannot tell whether another node took
                    // the room meanwhile (this one paused, say); PostgreSQL's fence can.
                    long highest = sessions.highestEpoch(room.sessionId);
                    if (highest > epoch) {
                        LOG.warnf(
                                "room %d: epoch %d superseded by %d while redis was away; letting the room go",
                                room.sessionId, epoch, highest);
                        leases.release(room.sessionId, epoch);
                        leases.raiseEpochTo(room.sessionId, highest);
                        lost(room);
                        return;
                    }
                    // Write the snapshot again now, so that the room can move again should this
                    // node die next.
                    LOG.infof("room %d: lease of epoch %d taken back after a redis outage", room.sessionId, epoch);
                    snapshots.changed(room.sessionId, epoch, room::snapshot);
                }
                case LOST -> {
                    LOG.warnf("room %d: lease of epoch %d lost; letting the room go", room.sessionId, epoch);
                    lost(room);
                }
            }
        }
    }

    /**
     * A room opened while Redis was down runs unfenced (epoch 0). Once Redis answers it takes its
     * lease as a room opening now would: from then on it is fenced, snapshotted, and moves if this
     * node dies. If another node holds the room (it was opened there too during the outage), this
     * node lets its copy go and its people reconnect to the holder.
     */
    private void adopt(LiveRoom room) {
        try {
            long epoch = lease(room.sessionId);
            if (epoch != 0) {
                room.epoch = epoch;
                LOG.infof("room %d: opened while redis was down; fenced at epoch %d now", room.sessionId, epoch);
                snapshots.changed(room.sessionId, epoch, room::snapshot);
            }
        } catch (HeldElsewhere elsewhere) {
            LOG.warnf("room %d: opened here while redis was down, but held elsewhere; letting it go", room.sessionId);
            lost(room);
        } catch (SessionGateway.RoomRefused refused) {
            // Redis came back empty and its epoch counter was behind PostgreSQL's fence (raised now):
            // nobody else holds the room, so it stays and takes the next epoch at the next renewal.
            LOG.infof("room %d: no lease yet (%s); trying again", room.sessionId, refused.getMessage());
        }
    }

    /** This node no longer owns the room: forget it and send its people to the new owner. */
    void lost(LiveRoom room) {
        if (rooms.remove(room.sessionId, room)) {
            room.connections
                    .values()
                    .forEach(c -> c.close(new CloseReason(CLOSE_RECONNECT, "room moved; reconnect"))
                            .subscribe()
                            .with(ok -> {}, e -> {}));
            media.closed(room.sessionId);
        }
    }

    LiveRoom existing(long sessionId) {
        return rooms.get(sessionId);
    }

    /** Several nodes: act on the commands other nodes publish for rooms that live here. */
    void onStart(@Observes io.quarkus.runtime.StartupEvent event) {
        commands.listen(c -> {
            sessions.admissionChanged(c.sessionId());
            switch (c.kind()) {
                case "withdraw" -> withdraw(c.sessionId(), c.personId());
                case "end" -> end(c.sessionId());
                case "handover" -> handOverAsked(c.sessionId(), c.origin());
                default -> LOG.warnf("unknown room command %s", c.kind());
            }
        });
    }

    /**
     * Commands from REST (another feature's transaction) for a room that may live on any node: acted on
     * here at once, and published for the other nodes (no-op on a single node).
     */
    public void withdrawEverywhere(long sessionId, long personId) {
        withdraw(sessionId, personId);
        commands.publish(sessionId, "withdraw", personId);
    }

    /** See {@link #withdrawEverywhere}: the session concluded, wherever its room lives. */
    public void endEverywhere(long sessionId) {
        end(sessionId);
        commands.publish(sessionId, "end", null);
    }

    /** An invitation was withdrawn: disconnect the person now. */
    public void withdraw(long sessionId, long personId) {
        LiveRoom room = rooms.get(sessionId);
        if (room != null) {
            room.run(s -> s.withdraw(personId, clock.instant()));
        }
    }

    /** The session concluded: end everyone's attendance and close the room. */
    public void end(long sessionId) {
        LiveRoom room = rooms.remove(sessionId);
        if (room != null) {
            room.run(s -> s.end(clock.instant()));
            media.closed(sessionId);
            forget(room);
        }
    }

    /** The room is over or empty: no snapshot to carry, and the lease is free for the next opening. */
    private void forget(LiveRoom room) {
        if (room.epoch == 0) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            synchronized (room.leaseLock) {
                try {
                    snapshots.forget(room.sessionId);
                    leases.release(room.sessionId, room.epoch);
                } catch (ClusterRedis.Unavailable e) {
                    // the lease and the snapshot expire by themselves
                }
            }
        });
    }

    /**
     * Once a second: a seat whose connection is gone counts as dropped (a socket can die without
     * any close callback, e.g. reset right after the 101), seats whose grace ran out are given up,
     * rooms past their end close, and empty rooms are forgotten.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireSeats() {
        Instant now = clock.instant();
        for (LiveRoom room : rooms.values()) {
            if (!now.isBefore(room.closesAt)) {
                end(room.sessionId);
                continue;
            }
            room.run(s -> {
                List<Effect> effects = new java.util.ArrayList<>();
                s.presentConnections().forEach((peer, connection) -> {
                    if (!isLive(room.connections.get(connection))) {
                        LOG.debugf("room %d: %s has no live connection; counted as dropped", room.sessionId, peer);
                        room.connections.remove(connection);
                        effects.addAll(s.disconnected(peer, connection, now));
                    }
                });
                effects.addAll(s.expire(now));
                return effects;
            });
            synchronized (room) {
                if (room.state.isEmpty() && rooms.remove(room.sessionId, room)) {
                    media.closed(room.sessionId);
                    forget(room);
                }
            }
        }
    }

    /** A present seat needs an open connection that this node still tracks. */
    static boolean isLive(WebSocketConnection c) {
        return c != null && c.isOpen();
    }

    /** Records the people present on this node as seen now (what a crash would close them at). */
    @Scheduled(
            every = "${liandong.sessions.attendance-seen-every:PT15S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recordSeen() {
        Map<Long, Set<Long>> present = presentPeople();
        if (!present.isEmpty()) {
            sessions.recordSeen(present, epochs(), clock.instant());
        }
    }

    private Map<Long, Long> epochs() {
        Map<Long, Long> epochs = new java.util.HashMap<>();
        rooms.values().forEach(r -> epochs.put(r.sessionId, r.epoch));
        return epochs;
    }

    private Map<Long, Set<Long>> presentPeople() {
        Map<Long, Set<Long>> present = new java.util.HashMap<>();
        for (LiveRoom room : rooms.values()) {
            synchronized (room) {
                present.put(room.sessionId, room.state.presentPeople());
            }
        }
        return present;
    }

    /**
     * Several nodes, on SIGTERM: the hand-over runs at the start of the shutdown delay
     * ({@code quarkus.shutdown.delay}), while sockets, Redis and the database are all still open (by
     * {@link ShutdownEvent} the framework has already closed the sockets with 1000). Every room is
     * handed over ({@link #handOver}); the next owner records the drop from the snapshot.
     */
    void onDrain(@Observes io.quarkus.runtime.ShutdownDelayInitiatedEvent event) {
        if (!redis.enabled()) {
            return;
        }
        draining = true;
        for (LiveRoom room : List.copyOf(rooms.values())) {
            handOver(room, "server restarting; reconnect");
        }
        LOG.info("drained: rooms handed over to the other nodes");
    }

    /**
     * Gives a room up for the next owner to restore at once (instead of after the lease TTL): its
     * queued writes finish, its snapshot is written, its lease released and the room forgotten here,
     * then its sockets close with 1012 (reconnect at once). This node records no drop; the next
     * owner does, from the snapshot.
     */
    private void handOver(LiveRoom room, String reason) {
        if (room.epoch == 0 || !rooms.remove(room.sessionId, room)) {
            return;
        }
        room.storage.join();
        synchronized (room.leaseLock) {
            try {
                snapshots.write(room.sessionId, room.epoch, room.snapshot());
                leases.release(room.sessionId, room.epoch);
            } catch (RuntimeException e) {
                LOG.warnf("room %d: hand-over failed (%s); the lease expires by itself", room.sessionId, e);
            }
        }
        room.connections
                .values()
                .forEach(c -> c.close(new CloseReason(CLOSE_RECONNECT, reason))
                        .subscribe()
                        .with(ok -> {}, e -> {}));
        media.closed(room.sessionId);
    }

    /**
     * The proxy sends a room's sockets to a node that does not hold it, while the live owner renews
     * the lease (HAProxy's choice changed: a health check flapped, or a node came back between two
     * reconnects): asks the owner, through the room commands, to hand the room over. The room then
     * follows the proxy's choice, at the cost of one reconnect for the people already in it.
     */
    public void askHandOver(long sessionId) {
        commands.publish(sessionId, "handover", null);
    }

    /**
     * Another node was sent this room's sockets. A room taken less than {@code hand-over-after} ago
     * stays (two nodes must not pass a room back and forth while the proxy settles).
     */
    private void handOverAsked(long sessionId, String by) {
        LiveRoom room = rooms.get(sessionId);
        if (room == null) {
            return;
        }
        if (clock.instant().isBefore(room.openedAt.plus(cluster.handOverAfter()))) {
            LOG.infof("room %d: %s asked for it, but it came here only at %s; kept", sessionId, by, room.openedAt);
            return;
        }
        try {
            if (!leases.spendHandOver(sessionId)) {
                LOG.warnf(
                        "room %d: %s asked for it, but the room was handed over %d times this minute; kept"
                                + " (are nodes reachable past HAProxy? docs/cluster.md)",
                        sessionId, by, cluster.handOversPerMinute());
                return;
            }
        } catch (ClusterRedis.Unavailable e) {
            return; // the next ask, once Redis answers
        }
        LOG.infof("room %d: the proxy sends its sockets to %s; handing the room over", sessionId, by);
        handOver(room, "room moved; reconnect");
    }

    /**
     * Graceful shutdown: everyone present leaves as dropped now (a return within the grace after
     * the restart continues the same attendance entry), and sockets close with 1001 (going away)
     * so that clients reconnect. Waits for each room's queued database work first.
     *
     * <p>Several nodes: each room's snapshot is written now and its lease released, then its sockets
     * close with 1012 (reconnect at once); the next owner restores the room at once instead of after
     * the lease TTL, and records the drop itself (from the snapshot), so this node records none.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        Map<Long, Set<Long>> present = presentPeople();
        boolean handOver = redis.enabled();
        for (LiveRoom room : rooms.values()) {
            room.storage.join();
            if (handOver && room.epoch != 0) {
                present.remove(room.sessionId);
                try {
                    snapshots.write(room.sessionId, room.epoch, room.snapshot());
                    leases.release(room.sessionId, room.epoch);
                } catch (RuntimeException e) {
                    LOG.warnf("room %d: hand-over failed (%s); the lease expires by itself", room.sessionId, e);
                }
            }
            int code = handOver ? CLOSE_RECONNECT : CLOSE_GOING_AWAY;
            room.connections
                    .values()
                    .forEach(c -> c.close(new CloseReason(code, "server restarting; reconnect"))
                            .subscribe()
                            .with(ok -> {}, e -> {}));
        }
        try {
            sessions.recordShutdown(present, epochs(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "closing attendance at shutdown failed (%s); the next start closes it at its last seen time",
                    e.toString());
        }
    }

    String encode(Message message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room messages are plain records", e);
        }
    }
}
