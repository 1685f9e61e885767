package org.liandong.room.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers for one participant, with TURN credentials in the TURN REST API form that
 * coturn checks with {@code use-auth-secret}: username {@code <expiry-unix-seconds>:<user>},
 * password {@code base64(HMAC-SHA1(secret, username))}. Nothing is stored: coturn recomputes it.
 */
@ApplicationScoped
public class IceServers {

    private final IceConfig config;
    private final Clock clock;

    public IceServers(IceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public List<IceServer> forUser(String user) {
        List<IceServer> servers = new ArrayList<>();
        config.stunUrls().filter(u -> !u.isEmpty()).ifPresent(urls -> servers.add(new IceServer(urls, null, null)));
        config.turnUrls().filter(u -> !u.isEmpty()).ifPresent(urls -> {
            String secret = config.turnSecret()
                    .orElseThrow(
                            () -> new IllegalStateException("liandong.ice.turn-secret must be set when TURN URLs are"));
            Instant expiry = clock.instant().plus(config.turnCredentialTtl());
            String username = turnUsername(expiry, user);
            servers.add(new IceServer(urls, username, turnPassword(secret, username)));
        });
        return servers;
    }

    public static String turnUsername(Instant expiry, String user) {
        return expiry.getEpochSecond() + ":" + user;
    }

    public static String turnPassword(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JRE", e);
        }
    }
}
