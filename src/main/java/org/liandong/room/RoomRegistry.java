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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;
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

    private final Map<Long, LiveRoom> rooms = new ConcurrentHashMap<>();
    private final SessionGateway sessions;
    private final RoomConfig config;
    private final MediaBackend media;
    private final ObjectMapper json;
    private final Clock clock;

    RoomRegistry(SessionGateway sessions, RoomConfig config, MediaBackend media, ObjectMapper json, Clock clock) {
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

        final Map<String, WebSocketConnection> sockets = new ConcurrentHashMap<>();
        final Map<String, WebSocketConnection> connections = new ConcurrentHashMap<>();
        private CompletableFuture<Void> storage = CompletableFuture.completedFuture(null);

        LiveRoom(long sessionId, RoomState state, Instant closesAt) {
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
            return result;
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
                store(() -> sessions.recordJoin(sessionId, j.admission(), j.at()));
            } else if (effect instanceof Effect.RecordLeave l) {
                store(() -> sessions.recordLeave(sessionId, l.admission(), l.reason(), l.at()));
            } else if (effect instanceof Effect.RecordRemoval r) {
                store(() -> sessions.recordRemoval(sessionId, r.admission(), r.by(), r.at()));
            } else if (effect instanceof Effect.RecordAgendaStep a) {
                store(() -> {
                    try {
                        sessions.recordAgendaStep(sessionId, a.step(), a.by(), a.at());
                    } catch (ProblemException e) {
                        // Not in progress, or no such step: the room moved on, the record does not.
                        LOG.debugf("room %d: agenda step %d not recorded: %s", sessionId, a.step(), e.getMessage());
                    }
                });
            } else if (effect instanceof Effect.StartSession s) {
                store(() -> {
                    try {
                        sessions.start(sessionId, s.actor(), s.presentDepartments());
                        run(RoomState::started);
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
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "room %d: storing failed", sessionId);
                        }
                    },
                    Infrastructure.getDefaultWorkerPool());
        }
    }

    /** The room of a session, created on first use (from a worker thread: it reads the session). */
    LiveRoom room(long sessionId) {
        return rooms.computeIfAbsent(sessionId, id -> {
            SessionGateway.Setup setup = sessions.setup(id);
            RoomState state = new RoomState(
                    setup.phase(), setup.requiredDepartments(), media.mode(), config.publisherCap(), config.grace());
            state.restoreRemoved(setup.removedPeople());
            LiveRoom room = new LiveRoom(id, state, setup.closesAt());
            media.opened(id, (peer, message) -> room.run(s -> List.of(new Effect.Send(List.of(peer), message))));
            return room;
        });
    }

    LiveRoom existing(long sessionId) {
        return rooms.get(sessionId);
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
        }
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
            sessions.recordSeen(present, clock.instant());
        }
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
     * Graceful shutdown: everyone present leaves as dropped now (a return within the grace after
     * the restart continues the same attendance entry), and sockets close with 1001 (going away)
     * so that clients reconnect. Waits for each room's queued database work first.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        Map<Long, Set<Long>> present = presentPeople();
        for (LiveRoom room : rooms.values()) {
            room.storage.join();
            room.connections
                    .values()
                    .forEach(c -> c.close(new CloseReason(CLOSE_GOING_AWAY, "server restarting"))
                            .subscribe()
                            .with(ok -> {}, e -> {}));
        }
        try {
            sessions.recordShutdown(present, clock.instant());
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
