package org.liandong.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import java.time.Clock;
import java.util.List;
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

    static final UserData.TypedKey<Admission> ADMISSION = new UserData.TypedKey<>("liandong.room.admission");
    private static final UserData.TypedKey<String> PEER = UserData.TypedKey.forString("liandong.room.peer");
    private static final UserData.TypedKey<RateLimiter> LIMIT = new UserData.TypedKey<>("liandong.room.limit");

    private final RoomRegistry rooms;
    private final IceServers ice;
    private final RoomConfig config;
    private final MediaBackend media;
    private final ObjectMapper json;
    private final Clock clock;

    RoomSocket(RoomRegistry rooms, IceServers ice, RoomConfig config, MediaBackend media, ObjectMapper json, Clock clock) {
        this.rooms = rooms;
        this.ice = ice;
        this.config = config;
        this.media = media;
        this.json = json;
        this.clock = clock;
    }

    /** Runs on a worker thread: the first connection of a room reads the session. */
    @OnOpen
    public void open(WebSocketConnection connection) {
        Admission admission = connection.userData().get(ADMISSION);
        long sessionId = Long.parseLong(connection.pathParam("sessionId"));
        connection.userData().put(LIMIT, new RateLimiter(config.ratePerSecond(), config.rateBurst(), config.rateStrikes(), System.nanoTime()));
        while (true) {
            RoomRegistry.LiveRoom room = rooms.room(sessionId);
            synchronized (room) {
                if (rooms.existing(sessionId) != room) {
                    continue; // emptied and dropped just now; take the fresh one
                }
                try {
                    room.apply(s -> s.join(admission, connection.id(), ice.forUser(admission.username()), clock.instant()),
                            j -> {
                                // Known before the welcome goes out, so that an immediate answer finds its seat.
                                connection.userData().put(PEER, j.peer());
                                room.sockets.put(j.peer(), connection);
                                room.connections.put(connection.id(), connection);
                                return j.effects();
                            });
                } catch (Command.Invalid refused) {
                    connection.sendTextAndAwait(rooms.encode(new Message.Error(refused.code().code(), refused.getMessage(), "join")));
                    connection.closeAndAwait(new CloseReason(RoomRegistry.CLOSE_REMOVED, refused.getMessage()));
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
                refuse(room, peer, ErrorCode.RATE_LIMITED, "slow down: at most " + config.ratePerSecond() + " messages per second");
                return;
            }
            case CLOSE -> {
                refuse(room, peer, ErrorCode.RATE_LIMITED, "too many messages; closing");
                connection.close(new CloseReason(RoomRegistry.CLOSE_RATE, "rate limit")).subscribe().with(ok -> { }, e -> { });
                return;
            }
            default -> { }
        }
        if (text.length() > config.maxMessageChars()) {
            refuse(room, peer, ErrorCode.TOO_LARGE, "messages are limited to " + config.maxMessageChars() + " characters");
            return;
        }
        Command command = Command.scanRelay(json.getFactory(), text);
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
        Command decoded = command;
        room.run(s -> s.handle(peer, decoded, clock.instant()));
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
