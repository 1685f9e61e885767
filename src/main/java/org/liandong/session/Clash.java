package org.liandong.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One reason a slot or line-up cannot be scheduled, listed in a 409 problem's {@code clashes}
 * (and by the check endpoint) so that a form can show them all at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Clash(
        Kind kind,
        String message,
        Long personId,
        String personName,
        Long departmentId,
        String departmentCode,
        Long otherSessionId,
        Instant otherStartsAt,
        Instant otherEndsAt) {

    public enum Kind {
        /** The project is not in ACCEPTED, so it cannot be reviewed yet (or any more). */
        PROJECT_NOT_ACCEPTED,
        /** The chosen chair may not chair sessions. */
        CHAIR_NOT_ALLOWED,
        /** A required department has no official (or chair) invited to speak for it. */
        REQUIRED_DEPARTMENT_WITHOUT_OFFICIAL,
        /** The day is a weekend or public holiday (and not a make-up working day). */
        NON_WORKING_DAY,
        /** The slot starts before or ends after working hours, or spans days. */
        OUTSIDE_WORKING_HOURS,
        /** A person is already invited to another session overlapping this slot. */
        PERSON_BUSY
    }

    static Clash of(Kind kind, String message) {
        return new Clash(kind, message, null, null, null, null, null, null, null);
    }
}
