package org.liandong.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Web security settings (README "Security"). Environment: LIANDONG_SECURITY_*. */
@ConfigMapping(prefix = "liandong.security")
public interface SecurityConfig {

    /** Password attempts (sign-in by form or Basic, and the signing password) that may fail. */
    Throttle throttle();

    /**
     * Origins (scheme://host[:port]) besides the service's own that may send unsafe requests
     * (POST, PUT, PATCH, DELETE) from a browser. The own origin is the request's Host and
     * {@code liandong.sessions.public-url}.
     */
    Optional<List<String>> allowedOrigins();

    interface Throttle {
        /** Failed attempts one account may make in a burst window before it has to wait. */
        @WithDefault("5")
        int accountBurst();

        /** ... and per hour: after this, one attempt every 60/N minutes (the back-off). */
        @WithDefault("20")
        int accountPerHour();

        /** Failed attempts one client address may make in a burst window, whatever the account. */
        @WithDefault("30")
        int addressBurst();

        /** ... and per hour. */
        @WithDefault("200")
        int addressPerHour();

        /** The burst window: a burst's tokens come back gradually over this time. */
        @WithDefault("PT1M")
        java.time.Duration burstWindow();
    }
}
