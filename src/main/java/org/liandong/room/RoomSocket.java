package org.liandong.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;
import org.liandong.room.media.IceServers;
import org.liandong.room.media.MediaBackend;
import org.liandong.room.protocol.Command;
import org.liandong.room.protocol.Message;
import org.liandong.room.state.ErrorCode;
import org.liandong.session.Admission;

/**
 * WebSocket {@code /rooms/{sessionId}}: decodes, delegates to the room, sends what it returns.
 * Admission (token, invitation, Origin) already happened in {@link RoomAdmissionCheck}. Protocol:
 * docs/signaling.md.
 */
@WebSocket(path = "/rooms/{sessionId}")
public class RoomSocket {

    private static final Logger LOG = Logger.getLogger(RoomSocket.class);
    /** RFC 6455 §7.4.1 close codes. */
    static final int CLOSE_UNSUPPORTED_DATA = 1003;

    static final int CLOSE_TOO_BIG = 1009;
    static final int CLOSE_INTERNAL = 1011;

    static final UserData.TypedKey<Admission> ADMISSION = new UserData.TypedKey<>("liandong.room.admission");
    private static final UserData.TypedKey<String> PEER = UserData.TypedKey.forString("liandong.room.peer");
    private static final UserData.TypedKey<RateLimiter> LIMIT = new UserData.TypedKey<>("liandong.room.limit");

    private final RoomRegistry rooms;
    private final IceServers ice;
    private final RoomConfig config;
    private final MediaBackend media;
    private final RoomDocuments documents;
    private final ObjectMapper json;
    private final Clock clock;
    private final RoomLimits limits;

    RoomSocket(
            RoomRegistry rooms,
            IceServers ice,
            RoomConfig config,
            MediaBackend media,
            RoomDocuments documents,
            ObjectMapper json,
            Clock clock,
            RoomLimits limits) {
        this.limits = limits;
        this.rooms = rooms;
        this.documents = documents;
        this.ice = ice;
        this.config = config;
        this.media = media;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs on a worker thread: the first connection of a room reads the session. The socket may
     * already be dead here (a reset right after the 101 fails the framework's handler setup, and no
     * {@link OnClose} follows), so a seat is taken only for an open connection and checked again
     * after: the seat is present only while a live connection exists. {@link RoomRegistry} sweeps
     * for any connection that dies without a close callback.
     */
    @OnOpen
    public void open(WebSocketConnection connection) {
        Admission admission = connection.userData().get(ADMISSION);
        long sessionId = Long.parseLong(connection.pathParam("sessionId"));
        if (!connection.isOpen()) {
            LOG.debugf("room %d: %s's socket closed before it opened", sessionId, admission.username());
            return;
        }
        // One bucket per person and session, kept across reconnects: reconnecting does not refill it.
        connection.userData().put(LIMIT, limits.messages(admission));
        while (true) {
            RoomRegistry.LiveRoom room = rooms.room(sessionId);
            synchronized (room) {
                if (rooms.existing(sessionId) != room) {
                    continue; // emptied and dropped just now; take the fresh one
                }
                try {
                    room.apply(
                            s -> s.join(admission, connection.id(), ice.forUser(admission.username()), clock.instant()),
                            j -> {
                                // Known before the welcome goes out, so that an immediate answer finds its seat.
                                connection.userData().put(PEER, j.peer());
                                room.sockets.put(j.peer(), connection);
                                room.connections.put(connection.id(), connection);
                                return j.effects();
                            });
                } catch (Command.Invalid refused) {
                    int code = refused.code() == ErrorCode.WRONG_PHASE
                            ? RoomRegistry.CLOSE_ENDED
                            : RoomRegistry.CLOSE_REMOVED;
                    connection
                            .sendText(rooms.encode(
                                    new Message.Error(refused.code().code(), refused.getMessage(), "join")))
                            .chain(() -> connection.close(new CloseReason(code, refused.getMessage())))
                            .subscribe()
                            .with(ok -> {}, e -> {});
                    return;
                }
                if (!connection.isOpen()) {
                    // Died while joining: give the seat up as a drop now rather than at the next sweep.
                    String peer = connection.userData().get(PEER);
                    room.run(s -> {
                        room.connections.remove(connection.id());
                        room.sockets.remove(peer, connection);
                        return s.disconnected(peer, connection.id(), clock.instant());
                    });
                }
                return;
            }
        }
    }

    /** On the event loop: relaying must not wait for a worker. */
    @OnTextMessage
    @NonBlocking
    public void message(String text, WebSocketConnection connection) {
        String peer = connection.userData().get(PEER);
        RoomRegistry.LiveRoom room = rooms.existing(Long.parseLong(connection.pathParam("sessionId")));
        if (peer == null || room == null) {
            return;
        }
        switch (connection.userData().get(LIMIT).take(System.nanoTime())) {
            case REFUSE -> {
                refuse(
                        room,
                        peer,
                        ErrorCode.RATE_LIMITED,
                        "slow down: at most " + config.ratePerSecond() + " messages per second");
                return;
            }
            case CLOSE -> {
                if (connection.isOpen()) { // frames already queued keep arriving while it closes
                    refuse(room, peer, ErrorCode.RATE_LIMITED, "too many messages; closing");
                    connection
                            .close(new CloseReason(RoomRegistry.CLOSE_RATE, "rate limit"))
                            .subscribe()
                            .with(ok -> {}, e -> {});
                }
                return;
            }
            default -> {}
        }
        if (text.length() > config.limits().frameChars()) {
            // Over the socket limit (RFC 6455 §7.4.1: 1009 "message too big"); the frame was read
            // whole, so the close is clean rather than a reset.
            connection
                    .close(new CloseReason(
                            CLOSE_TOO_BIG,
                            "messages are limited to " + config.limits().frameChars() + " characters"))
                    .subscribe()
                    .with(ok -> {}, e -> {});
            return;
        }
        Command.Relay scanned = Command.scanRelay(json.getFactory(), text);
        String kind = scanned == null ? null : scanned.kind();
        int limit = config.limits().forType(kind);
        if (text.length() > limit) {
            refuse(
                    room,
                    peer,
                    ErrorCode.TOO_LARGE,
                    (kind == null ? "messages" : kind + " messages") + " are limited to " + limit + " characters");
            return;
        }
        Command command = scanned;
        try {
            if (command == null) {
                command = Command.decode(parse(text));
            }
        } catch (Command.Invalid bad) {
            refuse(room, peer, bad.code(), bad.getMessage());
            return;
        }
        if (command instanceof Command.Relay relay && media.addresses(relay.to())) {
            // Signaling for the media server (sfu mode) goes to the backend, from room members only.
            boolean inLobby;
            synchronized (room) {
                inLobby = room.state.inLobby(peer);
            }
            if (inLobby) {
                refuse(room, peer, ErrorCode.NOT_ALLOWED, "to: the lobby sends no media");
            } else {
                media.relay(room.sessionId, peer, relay.kind(), relay.to(), parse(relay.data()));
            }
            return;
        }
        if (command instanceof Command.DocOpen open) {
            // The material is looked up in the database, off the event loop; the room then decides.
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                Message.Material material = null;
                try {
                    material = documents
                            .acceptedMaterial(room.sessionId, open.fileId())
                            .orElse(null);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "room %d: looking up material file %d failed", room.sessionId, open.fileId());
                }
                Message.Material found = material;
                room.run(s -> s.openDocument(peer, open, found));
            });
            return;
        }
        Command decoded = command;
        room.run(s -> s.handle(peer, decoded, clock.instant()));
    }

    /** The protocol is JSON text (docs/signaling.md): a binary frame closes with 1003 (RFC 6455 §7.4.1). */
    @OnBinaryMessage
    @NonBlocking
    public void binary(Buffer data, WebSocketConnection connection) {
        LOG.debugf("room socket %s sent a binary frame; closing with 1003", connection.id());
        connection
                .close(new CloseReason(CLOSE_UNSUPPORTED_DATA, "this protocol is JSON text frames"))
                .subscribe()
                .with(ok -> {}, e -> {});
    }

    /**
     * A client's misbehaviour or a dropped network is not a server error: one line without a stack
     * trace, at DEBUG for the everyday abrupt disconnect (TCP reset), at INFO otherwise. The close
     * that follows is handled by {@link #close}.
     */
    @OnError
    public void error(Throwable failure, WebSocketConnection connection) {
        Admission admission = connection.userData().get(ADMISSION);
        String who = admission == null ? connection.id() : admission.username() + "@" + admission.sessionId();
        if (RoomSocketErrors.isAbruptDisconnect(failure)) {
            LOG.debugf("room socket %s dropped: %s", who, failure.toString());
        } else if (RoomSocketErrors.isTooBig(failure)) {
            LOG.infof("room socket %s sent a message over the socket limit; closing with 1009", who);
            connection
                    .close(new CloseReason(CLOSE_TOO_BIG, "message too big"))
                    .subscribe()
                    .with(ok -> {}, e -> {});
        } else {
            LOG.infof("room socket %s failed: %s", who, failure.toString());
            if (connection.isOpen()) {
                connection
                        .close(new CloseReason(CLOSE_INTERNAL, "server error"))
                        .subscribe()
                        .with(ok -> {}, e -> {});
            }
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        String peer = connection.userData().get(PEER);
        RoomRegistry.LiveRoom room = rooms.existing(Long.parseLong(connection.pathParam("sessionId")));
        if (peer != null && room != null) {
            room.run(s -> {
                room.connections.remove(connection.id());
                room.sockets.remove(peer, connection);
                return s.disconnected(peer, connection.id(), clock.instant());
            });
        }
    }

    private void refuse(RoomRegistry.LiveRoom room, String peer, ErrorCode code, String message) {
        room.run(s -> List.of(s.error(peer, code, message, null)));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Command.Invalid(ErrorCode.BAD_JSON, "not JSON: " + e.getOriginalMessage());
        }
    }
}
