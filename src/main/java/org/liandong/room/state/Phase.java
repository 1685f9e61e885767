package org.liandong.room.state;

/** Where the session stands, as far as the room is concerned. */
public enum Phase {
    /** Participants gather; the chair may start once the quorum is present. */
    OPEN,
    /** The review is running. */
    IN_PROGRESS,
    /** Concluded: nobody may join any more. */
    ENDED
}
