package org.liandong.common;

import java.util.List;

/**
 * A failure the client can act on. Thrown from services and entities; {@link ProblemMappers} turns
 * it into problem+json. Use the factory methods so that types and statuses stay consistent.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final List<?> clashes;

    public ProblemException(
            int status, String type, String title, String detail, List<Problem.FieldError> errors, List<?> clashes) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : errors;
        this.clashes = clashes == null ? List.of() : clashes;
    }

    /** 400: one field is wrong. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                400,
                "validation",
                "Invalid request",
                field + ": " + message,
                List.of(new Problem.FieldError(field, message)),
                null);
    }

    /** 404: the named resource does not exist (or the caller may not know that it does). */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist", null, null);
    }

    /** 409: the request contradicts the current state, e.g. an illegal lifecycle transition. */
    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict", detail, null, null);
    }

    /** 409 with a list of every clash found, so the client can show all of them at once. */
    public static ProblemException clashes(String detail, List<?> clashes) {
        return new ProblemException(409, "clash", "Conflict", detail, null, clashes);
    }

    /** 403: authenticated but not allowed to do this to this resource. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + type, title, status, getMessage(), instance, errors, clashes);
    }
}
