package org.liandong.material;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liandong.common.Problem;
import org.liandong.common.ProblemException;

/**
 * Refuses an upload whose declared {@code Content-Length} is over its project's matter type limit
 * before a byte of the body is read: the request is paused while the limit is looked up (on a
 * worker thread), then either answered 413 (problem+json, field {@code file}) or resumed. A body
 * without a declared length (chunked transfer) is counted instead: the service checks the size
 * of what arrived, and the HTTP layer stops anything over {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
class UploadLimitFilter {

    private static final Pattern UPLOAD = Pattern.compile("/api/projects/(\\d{1,18})/materials/\\d{1,18}/files/?");

    private final MaterialService service;
    private final Vertx vertx;
    private final ObjectMapper json;

    UploadLimitFilter(MaterialService service, Vertx vertx, ObjectMapper json) {
        this.service = service;
        this.vertx = vertx;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::checkDeclaredLength, 200);
    }

    void checkDeclaredLength(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        Matcher m = UPLOAD.matcher(rc.request().path());
        if (!"POST".equals(rc.request().method().name())
                || length == null
                || !length.matches("\\d{1,18}")
                || !m.matches()) {
            rc.next();
            return;
        }
        long projectId = Long.parseLong(m.group(1));
        rc.request().pause();
        vertx.<Optional<ProblemException>>executeBlocking(
                        () -> service.declaredLengthProblem(projectId, Long.parseLong(length)), false)
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result().isPresent()) {
                        refuse(rc, ar.result().get().toProblem(rc.request().path()));
                    } else {
                        rc.request().resume();
                        rc.next();
                    }
                });
    }

    private void refuse(RoutingContext rc, Problem p) {
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413}";
        }
        // the client may still be sending the body it announced: close rather than read it
        rc.response()
                .setStatusCode(p.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(body)
                .onComplete(x -> rc.request().connection().close());
    }
}
