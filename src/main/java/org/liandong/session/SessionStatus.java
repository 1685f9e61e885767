package org.liandong.session;

/**
 * Lifecycle of a review session; the allowed moves are kept by {@link ReviewSession}.
 * <pre>SCHEDULED → OPEN → IN_PROGRESS → CONCLUDED;  SCHEDULED | OPEN → CANCELLED</pre>
 */
public enum SessionStatus {
    /** Planned; may be rescheduled or cancelled. */
    SCHEDULED,
    /** The chair opened the lobby; participants gather. */
    OPEN,
    /** Quorum reached: the review is under way. */
    IN_PROGRESS,
    /** Ended normally. Terminal. */
    CONCLUDED,
    /** Called off, with a reason. Terminal. */
    CANCELLED;

    public boolean isTerminal() {
        return this == CONCLUDED || this == CANCELLED;
    }

    /** Holds its participants' time: counts for clash checks. */
    public boolean isActive() {
        return !isTerminal();
    }
}
