package org.liandong.project;

/** Where one required material stands in pre-review. */
public enum MaterialStatus {
    MISSING,
    PROVIDED,
    ACCEPTED,
    NEEDS_CORRECTION,
    NOT_APPLICABLE;
}
