package org.liandong.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-side sign-out for the stateless session cookie of Quarkus form authentication. The
 * cookie only holds an encrypted "idle expiry:username", so {@code POST /api/logout} records the
 * time in {@code account_sign_out} (the database: every node sees it), and {@link BrowserGuard} refuses a
 * cookie whose issue time (expiry minus {@code quarkus.http.auth.form.timeout}; the cookie is
 * re-issued every {@code new-cookie-interval}) is not after the account's latest sign-out. A copy
 * of the cookie taken before the sign-out is therefore dead everywhere, and so are the account's
 * other browser sessions (sign-out ends them all). Requests authenticated with HTTP Basic and the
 * sign-in post itself are not cookie sessions and are left alone.
 *
 * <p>The cookie format (AES-256-GCM under SHA-256 of the session key; a length-prefixed IV) is
 * Quarkus' {@code PersistentLoginManager}; {@code AccountTest} fails if it ever changes.
 */
@ApplicationScoped
public class SessionRevocation {

    private final EntityManager em;
    private final Clock clock;
    private final String cookieName;
    private final long timeoutMillis;
    private final SecretKeySpec key;

    SessionRevocation(
            EntityManager em,
            Clock clock,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName,
            @ConfigProperty(name = "quarkus.http.auth.form.timeout") Duration timeout,
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") String sessionKey)
            throws GeneralSecurityException {
        this.em = em;
        this.clock = clock;
        this.cookieName = cookieName;
        this.timeoutMillis = timeout.toMillis();
        this.key = new SecretKeySpec(
                MessageDigest.getInstance("SHA-256").digest(sessionKey.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** Ends every browser session of {@code username} issued until now. */
    @Transactional
    public void signOut(String username) {
        em.createNativeQuery("insert into account_sign_out (username, signed_out_at) values (?1, ?2)")
                .setParameter(1, username)
                .setParameter(2, OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
                .executeUpdate();
    }

    /**
     * Whether the request's session cookie was signed out. Blocking (one database read): call it
     * off the event loop. False when the request carries no readable session cookie, or
     * authenticates otherwise (HTTP Basic, which Quarkus tries first, or the sign-in post).
     */
    public boolean isSignedOut(RoutingContext rc) {
        Optional<Issued> issued = cookieIssuedAt(rc);
        if (issued.isEmpty()) {
            return false;
        }
        Optional<Instant> out = QuarkusTransaction.requiringNew()
                .call(() -> lastSignOut(issued.get().username()));
        return out.isPresent() && !issued.get().at().isAfter(out.get());
    }

    /** Whether {@link #isSignedOut} has anything to look at: a session cookie on a cookie-authenticated request. */
    public boolean hasSessionCookie(RoutingContext rc) {
        return rc.request().getCookie(cookieName) != null
                && !rc.request().headers().contains(HttpHeaders.AUTHORIZATION)
                && !rc.normalizedPath().endsWith("/j_security_check");
    }

    public String cookieName() {
        return cookieName;
    }

    private record Issued(String username, Instant at) {}

    /** Who the session cookie is for and when it was issued; empty when no cookie authenticates this request. */
    private Optional<Issued> cookieIssuedAt(RoutingContext rc) {
        if (!hasSessionCookie(rc)) {
            return Optional.empty(); // Basic (which Quarkus tries first) or a fresh sign-in, not the cookie
        }
        Cookie cookie = rc.request().getCookie(cookieName);
        try {
            ByteBuffer data = ByteBuffer.wrap(Base64.getDecoder().decode(cookie.getValue()));
            byte[] iv = new byte[data.get()];
            data.get(iv);
            byte[] encrypted = new byte[data.remaining()];
            data.get(encrypted);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            String plain = new String(cipher.doFinal(encrypted), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            long idleExpiry = Long.parseLong(plain.substring(0, colon));
            return Optional.of(
                    new Issued(plain.substring(colon + 1), Instant.ofEpochMilli(idleExpiry - timeoutMillis)));
        } catch (GeneralSecurityException | RuntimeException unreadable) {
            return Optional.empty(); // not a cookie Quarkus accepted: it did not authenticate this request
        }
    }

    private Optional<Instant> lastSignOut(String username) {
        Object at = em.createNativeQuery("select max(signed_out_at) from account_sign_out where username = ?1")
                .setParameter(1, username)
                .getSingleResult();
        if (at == null) {
            return Optional.empty();
        }
        if (at instanceof OffsetDateTime odt) {
            return Optional.of(odt.toInstant());
        }
        if (at instanceof Instant i) {
            return Optional.of(i);
        }
        return Optional.of(((Timestamp) at).toInstant());
    }
}
