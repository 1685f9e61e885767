package org.liandong.material;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an upload whose declared {@code Content-Length} is over its matter type's limit before
 * a byte of the body is read (Quarkus REST runs request filters before it reads a form). A body
 * without a declared length (chunked transfer) is counted instead: the HTTP layer stops it at
 * {@code quarkus.http.limits.max-body-size}, and the service checks the stored file's size.
 */
public class UploadLimitFilter {

    private static final Pattern UPLOAD = Pattern.compile("/api/projects/(\\d{1,18})/materials/\\d{1,18}/files/?");

    private final MaterialService service;

    UploadLimitFilter(MaterialService service) {
        this.service = service;
    }

    @ServerRequestFilter
    public void checkDeclaredLength(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        Matcher m = UPLOAD.matcher(request.getUriInfo().getPath());
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (!m.matches() || length == null || !length.matches("\\d{1,18}")) {
            return;
        }
        service.requireDeclaredLength(Long.parseLong(m.group(1)), Long.parseLong(length));
    }
}
