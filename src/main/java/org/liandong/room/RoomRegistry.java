package org.liandong.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
        final Map<String, WebSocketConnection> sockets = new ConcurrentHashMap<>();
        final Map<String, WebSocketConnection> connections = new ConcurrentHashMap<>();
        private CompletableFuture<Void> storage = CompletableFuture.completedFuture(null);

        LiveRoom(long sessionId, RoomState state) {
            this.sessionId = sessionId;
            this.state = state;
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
                        c.sendText(text).subscribe().with(ok -> { }, e -> LOG.debugf("send to %s failed: %s", peer, e));
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
                    c.close(new CloseReason(code, close.reason())).subscribe().with(ok -> { }, e -> { });
                }
            } else if (effect instanceof Effect.Media m) {
                toMedia(m);
            } else if (effect instanceof Effect.RecordJoin j) {
                store(() -> sessions.recordJoin(sessionId, j.admission(), j.at()));
            } else if (effect instanceof Effect.RecordLeave l) {
                store(() -> sessions.recordLeave(sessionId, l.admission(), l.reason(), l.at()));
            } else if (effect instanceof Effect.StartSession s) {
                store(() -> {
                    try {
                        sessions.start(sessionId, s.actor(), s.presentDepartments());
                        run(RoomState::started);
                    } catch (ProblemException e) {
                        // e.g. the stored session disagrees (cancelled meanwhile): tell the chair, change nothing.
                        run(st -> List.of(st.error(s.requestedBy(), ErrorCode.SESSION_FAILED, e.getMessage(), "start")));
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "room %d: starting the session failed", sessionId);
                        run(st -> List.of(st.error(s.requestedBy(), ErrorCode.SESSION_FAILED, "the session could not be started", "start")));
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
            storage = storage.thenRunAsync(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "room %d: storing failed", sessionId);
                }
            }, Infrastructure.getDefaultWorkerPool());
        }
    }

    /** The room of a session, created on first use (from a worker thread: it reads the session). */
    LiveRoom room(long sessionId) {
        return rooms.computeIfAbsent(sessionId, id -> {
            SessionGateway.Setup setup = sessions.setup(id);
            LiveRoom room = new LiveRoom(id, new RoomState(setup.phase(), setup.requiredDepartments(), media.mode(),
                    config.publisherCap(), config.grace()));
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

    /** Gives up seats whose grace period ran out, and forgets empty rooms. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireSeats() {
        for (LiveRoom room : rooms.values()) {
            room.run(s -> s.expire(clock.instant()));
            synchronized (room) {
                if (room.state.isEmpty() && rooms.remove(room.sessionId, room)) {
                    media.closed(room.sessionId);
                }
            }
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
