package org.liandong.room.state;

/** Codes of {@code error} messages, documented in docs/signaling.md. */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    UNSUPPORTED_VERSION("unsupported-version"),
    UNKNOWN_TYPE("unknown-type"),
    BAD_FIELD("bad-field"),
    TOO_LARGE("too-large"),
    RATE_LIMITED("rate-limited"),
    NOT_CHAIR("not-chair"),
    UNKNOWN_PEER("unknown-peer"),
    IN_LOBBY("in-lobby"),
    QUORUM_NOT_MET("quorum-not-met"),
    WRONG_PHASE("wrong-phase"),
    VIDEO_NOT_ALLOWED("video-not-allowed"),
    NOT_ALLOWED("not-allowed"),
    SESSION_FAILED("session-failed"),
    NOT_PRESENTER("not-presenter"),
    UNKNOWN_MATERIAL("unknown-material"),
    NO_DOCUMENT("no-document");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
