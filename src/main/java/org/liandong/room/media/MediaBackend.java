package org.liandong.room.media;

/**
 * How a room's media travels. The signaling protocol is the same for every backend; the welcome
 * names the mode so that clients know whom to send their offers to. {@code mesh} (browsers connect
 * to each other, the server relays SDP opaquely) is the embedded default; an SFU backend plugs in
 * behind this interface.
 */
public interface MediaBackend {

    /** The {@code mediaMode} announced in the welcome, e.g. {@code mesh} or {@code sfu}. */
    String mode();
}
