package org.liandong.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
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
 * time in {@code account_sign_out} (the database: every node sees it), and this augmentor refuses a
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
public class SessionRevocation implements SecurityIdentityAugmentor {

    private final EntityManager em;
    private final Clock clock;
    private final String cookieName;
    private final long timeoutMillis;
    private final SecretKeySpec key;

    SessionRevocation(EntityManager em, Clock clock,
                      @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName,
                      @ConfigProperty(name = "quarkus.http.auth.form.timeout") Duration timeout,
                      @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") String sessionKey) throws GeneralSecurityException {
        this.em = em;
        this.clock = clock;
        this.cookieName = cookieName;
        this.timeoutMillis = timeout.toMillis();
        this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(sessionKey.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** Ends every browser session of {@code username} issued until now. */
    @Transactional
    public void signOut(String username) {
        em.createNativeQuery("insert into account_sign_out (username, signed_out_at) values (?1, ?2)")
                .setParameter(1, username).setParameter(2, OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
                .executeUpdate();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(identity);
        Optional<Instant> issued = rc == null ? Optional.empty() : cookieIssuedAt(rc);
        if (issued.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        String username = identity.getPrincipal().getName();
        return context.runBlocking(() -> {
            Optional<Instant> out = QuarkusTransaction.requiringNew().call(() -> lastSignOut(username));
            if (out.isPresent() && !issued.get().isAfter(out.get())) {
                throw new AuthenticationFailedException("this session was signed out");
            }
            return identity;
        });
    }

    /** When the cookie that authenticated this request was issued; empty when no cookie did. */
    private Optional<Instant> cookieIssuedAt(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(cookieName);
        if (cookie == null || rc.request().headers().contains(HttpHeaders.AUTHORIZATION)
                || rc.normalizedPath().endsWith("/j_security_check")) {
            return Optional.empty(); // Basic (which Quarkus tries first) or a fresh sign-in, not the cookie
        }
        try {
            ByteBuffer data = ByteBuffer.wrap(Base64.getDecoder().decode(cookie.getValue()));
            byte[] iv = new byte[data.get()];
            data.get(iv);
            byte[] encrypted = new byte[data.remaining()];
            data.get(encrypted);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            String plain = new String(cipher.doFinal(encrypted), StandardCharsets.UTF_8);
            long idleExpiry = Long.parseLong(plain.substring(0, plain.indexOf(':')));
            return Optional.of(Instant.ofEpochMilli(idleExpiry - timeoutMillis));
        } catch (GeneralSecurityException | RuntimeException unreadable) {
            return Optional.empty(); // not a cookie Quarkus accepted: it did not authenticate this request
        }
    }

    private Optional<Instant> lastSignOut(String username) {
        Object at = em.createNativeQuery("select max(signed_out_at) from account_sign_out where username = ?1")
                .setParameter(1, username).getSingleResult();
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
