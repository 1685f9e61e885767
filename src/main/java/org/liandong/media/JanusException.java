package org.liandong.media;

/** An error answered by Janus (core or VideoRoom plugin), or a lost connection to it. */
public class JanusException extends RuntimeException {
    private final int code;

    public JanusException(int code, String reason) {
        super("Janus error " + code + ": " + reason);
        this.code = code;
    }

    /** Janus' error code (core codes 4xx, VideoRoom codes 42x); 0 when the transport failed. */
    public int code() {
        return code;
    }
}
