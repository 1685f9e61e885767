package org.liandong.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.liandong.session.SessionConfig;

/**
 * What a browser needs from every answer, in one Vert.x filter that runs before authentication
 * (so it also covers /j_security_check, static files and refused requests):
 * <ul>
 * <li><b>Cross-site requests refused</b> (CSRF): an unsafe method (POST, PUT, PATCH, DELETE) whose
 * {@code Sec-Fetch-Site} is {@code cross-site} or {@code same-site}, or whose {@code Origin} is not
 * ours, gets 403 before anything else happens. Requests without either header (curl, API clients)
 * pass: forging a request needs a browser, and browsers send them (Fetch Metadata, RFC 6454).</li>
 * <li><b>No Basic challenge</b>: {@code WWW-Authenticate} is removed from every answer, so a browser
 * never opens its credentials dialog and never caches Basic credentials that a cross-site form could
 * ride on. API clients send Basic credentials preemptively (curl -u does).</li>
 * <li><b>Security headers</b>: a Content-Security-Policy without inline scripts or styles that
 * forbids framing, X-Frame-Options DENY, X-Content-Type-Options nosniff, Referrer-Policy no-referrer
 * (join tokens travel in URLs), and no caching of API answers.</li>
 * <li><b>Signed-out sessions refused</b>: a session cookie issued before its account's last sign-out
 * gets 401 ({@link SessionRevocation}).</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserGuard {

    /** Before CORS (300) and authentication (200): see {@code SecurityHandlerPriorities}. */
    static final int PRIORITY = 400;

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI (admins only) ships inline scripts and styles. */
    static final String CSP_SWAGGER =
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final Set<String> allowedOrigins = new HashSet<>();
    private final SessionRevocation revocation;

    BrowserGuard(SecurityConfig config, SessionConfig sessions, SessionRevocation revocation) {
        this.revocation = revocation;
        config.allowedOrigins().ifPresent(list -> list.forEach(o -> allowedOrigins.add(normalise(o))));
        allowedOrigins.add(normalise(sessions.publicUrl()));
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        HttpServerResponse res = rc.response();
        boolean swagger = rc.normalizedPath().startsWith("/q/swagger-ui");
        res.putHeader("Content-Security-Policy", swagger ? CSP_SWAGGER : CSP);
        res.putHeader("X-Frame-Options", "DENY");
        res.putHeader("X-Content-Type-Options", "nosniff");
        res.putHeader("Referrer-Policy", "no-referrer");
        if (rc.normalizedPath().startsWith("/api/")) {
            res.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        rc.addHeadersEndHandler(v -> res.headers().remove("WWW-Authenticate"));
        if (!SAFE.contains(req.method()) && isCrossSite(req)) {
            res.setStatusCode(403)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .end(
                            "{\"type\":\"https://liandong.org/problems/cross-site-request\",\"title\":\"Forbidden\",\"status\":403,"
                                    + "\"detail\":\"cross-site requests that change data are refused (Origin / Sec-Fetch-Site)\"}");
            return;
        }
        if (!revocation.hasSessionCookie(rc) || !authenticates(rc.normalizedPath())) {
            rc.next();
            return;
        }
        // A signed-out session cookie: refused before authentication could accept it (one DB read, off the event loop).
        rc.vertx().executeBlocking(() -> revocation.isSignedOut(rc), false).onComplete(result -> {
            if (result.succeeded() && !result.result()) {
                rc.next();
            } else if (result.succeeded()) {
                res.setStatusCode(401)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(
                                HttpHeaders.SET_COOKIE,
                                revocation.cookieName() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
                        .end(
                                "{\"type\":\"https://liandong.org/problems/unauthorized\",\"title\":\"Unauthorized\",\"status\":401,"
                                        + "\"detail\":\"this session was signed out; sign in again\"}");
            } else {
                rc.fail(result.cause());
            }
        });
    }

    /**
     * Paths where the session cookie signs someone in: the API, the room sockets and the operations
     * endpoints. The web app's static files (pdf.js, fonts, scripts) are public, so they cost no
     * sign-out lookup (a database read per request) however many a page loads.
     */
    private static boolean authenticates(String path) {
        return path.startsWith("/api/") || path.startsWith("/rooms/") || path.startsWith("/q/");
    }

    private boolean isCrossSite(HttpServerRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = req.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        String o = normalise(origin);
        String own = normalise(req.scheme() + "://" + req.getHeader(HttpHeaders.HOST));
        return !o.equals(own) && !allowedOrigins.contains(o);
    }

    /** scheme://host[:port], lower case, default ports dropped; "null" and junk stay unmatched. */
    static String normalise(String origin) {
        try {
            URI u = URI.create(origin.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "invalid:" + origin;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort =
                    port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "invalid:" + origin;
        }
    }
}
