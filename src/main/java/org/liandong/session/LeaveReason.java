package org.liandong.session;

/** Why a participant's presence in the room ended. */
public enum LeaveReason {
    /** Left on purpose. */
    LEFT,
    /** Connection lost; a rejoin within the grace period continues the same attendance entry. */
    DROPPED,
    /** Removed by the chair, or the invitation was withdrawn. */
    REMOVED,
    /** The session was concluded while the participant was present. */
    SESSION_ENDED
}
