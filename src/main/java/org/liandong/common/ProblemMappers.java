package org.liandong.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become RFC 9457 problem+json. Nothing else builds error
 * responses; no stack trace ever reaches a client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(
                new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri), errors, null));
    }

    // Named exactly so that these win over quarkus-rest-jackson's own mappers for the same types.
    @ServerExceptionMapper({
        MismatchedInputException.class,
        InvalidFormatException.class,
        JsonParseException.class,
        JsonMappingException.class,
        JsonProcessingException.class
    })
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = "body";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
        }
        String message = e instanceof JsonMappingException ? "has the wrong type or format" : "is not valid JSON";
        return respond(new Problem(
                Problem.TYPE_BASE + "validation",
                "Invalid request",
                400,
                field + " " + message,
                path(uri),
                List.of(new Problem.FieldError(field, message)),
                null));
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(new Problem(
                Problem.TYPE_BASE + "concurrent-change",
                "Conflict",
                409,
                "Someone else changed this record at the same time; reload and try again",
                path(uri),
                null,
                null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        // No WWW-Authenticate challenge, ever: a browser would ask for and then cache Basic credentials,
        // which a cross-site form could ride on (issue 11). API clients send Basic preemptively.
        return respond(new Problem(
                Problem.TYPE_BASE + "unauthorized", "Unauthorized", 401, "Sign in first", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(
                Problem.TYPE_BASE + "forbidden",
                "Forbidden",
                403,
                "Your role does not allow this",
                path(uri),
                null,
                null));
    }

    @ServerExceptionMapper
    public Response invalidParameter(ParameterConverters.InvalidParameter e, UriInfo uri) {
        return problem(ProblemException.invalid(e.parameter(), e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(new Problem(Problem.TYPE_BASE + status, title, status, e.getMessage(), path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Problem race = DatabaseConflicts.problem(e, path(uri));
        if (race != null) {
            return respond(race);
        }
        LOG.error("Unhandled error on " + path(uri), e);
        return respond(new Problem(
                Problem.TYPE_BASE + "internal",
                "Internal error",
                500,
                "Something went wrong on our side; it has been logged",
                path(uri),
                null,
                null));
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /**
     * "create.request.projectCode" → "projectCode"; "search.size" (a query parameter) → "size";
     * "create.request.materials[0].name" → "materials[0].name".
     */
    static String fieldName(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        if (!nodes.isEmpty() && nodes.get(0).getKind() == jakarta.validation.ElementKind.METHOD) {
            nodes.remove(0);
        }
        if (nodes.size() > 1 && nodes.get(0).getKind() == jakarta.validation.ElementKind.PARAMETER) {
            nodes.remove(0); // the request body parameter itself: name its fields, not it
        }
        StringBuilder out = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.getIndex() != null && !out.isEmpty()) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
