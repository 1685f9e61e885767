package org.liandong.room.media;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a room's media travels. The signaling protocol is the same for every backend; the welcome
 * names the mode so that clients know whom to send their offers to. {@code mesh} (browsers connect
 * to each other, the server relays SDP opaquely) is the embedded default; the {@code sfu} backend
 * (org.liandong.media.SfuBackend, Janus) plugs in behind this interface through the hooks below,
 * which the mesh backend does not need.
 */
public interface MediaBackend {

    /** The {@code mediaMode} announced in the welcome, e.g. {@code mesh} or {@code sfu}. */
    String mode();

    /** Sends one message (a room protocol record) to one participant of a room. */
    @FunctionalInterface
    interface Outbox {
        void send(String peer, Object message);
    }

    /** A live room was created on this node; {@code outbox} reaches its participants. */
    default void opened(long sessionId, Outbox outbox) {
    }

    /** Whether signaling addressed {@code to} this name is for the media server, not a peer. */
    default boolean addresses(String to) {
        return false;
    }

    /** An offer, answer or candidate a participant in the room addressed to the media server. */
    default void relay(long sessionId, String peer, String kind, String to, JsonNode data) {
    }

    /**
     * The room sent {@code message} to {@code peer}: the backend follows the room's decisions
     * (welcome into the room, excused, admitted, muted, removed, left) in its media server.
     */
    default void observe(long sessionId, String peer, Object message) {
    }

    /** The live room is gone (session ended or room empty). */
    default void closed(long sessionId) {
    }
}
