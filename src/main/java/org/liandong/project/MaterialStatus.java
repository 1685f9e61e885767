package org.liandong.project;

/** Where one required material stands in pre-review. */
public enum MaterialStatus {
    MISSING, PROVIDED, ACCEPTED, NEEDS_CORRECTION, NOT_APPLICABLE;

    /** Whether this item no longer stands in the way of acceptance. */
    public boolean isSettled() {
        return this == ACCEPTED || this == NOT_APPLICABLE;
    }
}
