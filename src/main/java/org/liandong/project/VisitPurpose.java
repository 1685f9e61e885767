package org.liandong.project;

/** Why the applicant (or its proxy agent) had to come to a service window in person. */
public enum VisitPurpose {
    /** Handing in the application or original documents. */
    SUBMISSION,
    /** Bringing supplementary materials. */
    SUPPLEMENT,
    /** Attending a review session on site instead of by video. */
    SESSION,
    /** Collecting a paper decision instead of the electronic one. */
    COLLECT_DECISION,
    /** Anything else the coordinator names in the note. */
    OTHER
}
