package org.liandong.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the TURN REST API scheme that coturn's
 * {@code use-auth-secret} checks: username {@code <expiry unix seconds>:<user>}, password
 * {@code base64(HMAC-SHA1(secret, username))}. Nothing is stored: coturn recomputes the password.
 *
 * @param urls       TURN URLs the browser should use ({@code turn:host:3478?transport=udp}, {@code turns:host:443})
 * @param username   the TURN username, which carries its expiry
 * @param credential the TURN password
 * @param expiresAt  when coturn stops accepting it
 */
public record TurnCredentials(List<String> urls, String username, String credential, Instant expiresAt) {

    /** Mints credentials for {@code user} valid until {@code expiresAt}. */
    public static TurnCredentials mint(String secret, List<String> urls, String user, Instant expiresAt) {
        if (user.contains(":")) {
            throw new IllegalArgumentException("TURN user must not contain ':'");
        }
        String username = expiresAt.getEpochSecond() + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new TurnCredentials(urls, username, password, expiresAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
