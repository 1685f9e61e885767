package org.liandong.room.media;

import com.fasterxml.jackson.databind.JsonNode;
import org.liandong.room.protocol.Message;

/**
 * How a room's media travels. The signaling protocol is the same for every backend; the welcome
 * names the mode so that clients know whom to send their offers to. {@code mesh} (browsers connect
 * to each other, the server relays SDP opaquely) is the embedded default and needs none of the
 * callbacks below; the {@code sfu} backend (org.liandong.media.SfuBackend, Janus) implements them.
 * <p>
 * The room decides and the backend carries out: {@code RoomState} returns one media effect per
 * decision ({@code org.liandong.room.state.Effect.Media}), and the room's transport calls the one
 * matching callback here (after jicofo's JingleRequestHandler). Every callback is called under
 * the room's lock, in the room's order, so none may block.
 */
public interface MediaBackend {

    /** The {@code mediaMode} announced in the welcome, e.g. {@code mesh} or {@code sfu}. */
    String mode();

    /** Reaches the participants of one room: the media server's signaling for one of them. */
    @FunctionalInterface
    interface Participants {
        void send(String peer, Message message);
    }

    /** A live room was created on this node; {@code participants} reaches its members. */
    default void opened(long sessionId, Participants participants) {}

    /** Whether signaling addressed {@code to} this name is for the media server, not a peer. */
    default boolean addresses(String to) {
        return false;
    }

    /** An offer, answer or candidate a participant in the room addressed to the media server. */
    default void relay(long sessionId, String peer, String kind, String to, JsonNode data) {}

    /** {@code peer} ({@code name} for recordings) entered the room for the first time: publish and receive. */
    default void publish(long sessionId, String peer, String name) {}

    /**
     * {@code peer} came back into a room this node took over from another node's snapshot: its
     * media server state went with that node, so it publishes and receives afresh and its client is
     * told to start over ({@code media-reset}); {@code muted}: the chair had muted it.
     */
    default void republish(long sessionId, String peer, String name, boolean muted) {}

    /**
     * A note for the node that may take the room over after this one dies (written into the room's
     * snapshot, MAC'd, never a secret): e.g. which media server room to destroy. Null: nothing.
     */
    default String handOver(long sessionId) {
        return null;
    }

    /** This node took the room over; {@code note} is the previous owner's {@link #handOver} (may be null). */
    default void takenOver(long sessionId, String note) {}

    /** {@code peer} was excused to the lobby: stop sending it the room's media. */
    default void pauseSubscription(long sessionId, String peer) {}

    /** {@code peer} was admitted back: send it the room's media again. */
    default void resumeSubscription(long sessionId, String peer) {}

    /** {@code peer}'s seat is given up: remove its feed and its handles. */
    default void kick(long sessionId, String peer) {}

    /** The chair muted {@code peer}: drop its audio for everyone. */
    default void mute(long sessionId, String peer) {}

    /** {@code peer}, muted by the chair, turned the microphone on again: forward its audio again. */
    default void unmute(long sessionId, String peer) {}

    /** The live room is gone (session ended or room empty). */
    default void closed(long sessionId) {}
}
