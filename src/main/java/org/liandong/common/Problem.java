package org.liandong.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details, the body of every error response. {@code errors} names each offending
 * field so that a form can show the message next to it; {@code clashes} lists scheduling conflicts.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        List<?> clashes) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://liandong.org/problems/";

    /** One wrong field: its path in the request body or parameters, and why. */
    public record FieldError(String field, String message) {}
}
