package org.liandong.room.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** STUN and TURN servers handed to clients in the welcome, for every media backend. */
@ConfigMapping(prefix = "liandong.ice")
public interface IceConfig {

    /** STUN URLs, e.g. {@code stun:turn.example.org:3478}. Empty: host candidates only (LAN, loopback). */
    Optional<List<String>> stunUrls();

    /** TURN URLs, e.g. {@code turn:turn.example.org:3478?transport=udp}. Empty: no relay offered. */
    Optional<List<String>> turnUrls();

    /** coturn's {@code static-auth-secret} ({@code use-auth-secret}); required when TURN URLs are set. */
    Optional<String> turnSecret();

    /** How long a minted TURN credential stays valid. */
    @WithDefault("PT12H")
    Duration turnCredentialTtl();
}
