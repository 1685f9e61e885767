package org.liandong.project;

/**
 * Lifecycle of an investment project. The allowed moves are kept by {@link Project}; this enum
 * only names the states.
 */
public enum ProjectStatus {
    /** Registered, materials being gathered. */
    DRAFT,
    /** Handed in at the single window, waiting for pre-review. */
    SUBMITTED,
    /** Materials being checked before acceptance. */
    PRE_REVIEW,
    /** Waiting for the applicant to supply what a one-time notice listed; the statutory clock is paused. */
    SUPPLEMENTING,
    /** Accepted: the statutory clock runs; ready for a joint review session. */
    ACCEPTED,
    /** A joint review session is under way. */
    IN_REVIEW,
    /** A combined decision was issued. Terminal. */
    DECIDED,
    /** Withdrawn by the applicant or the service centre. Terminal. */
    WITHDRAWN;

    public boolean isTerminal() {
        return this == DECIDED || this == WITHDRAWN;
    }
}
