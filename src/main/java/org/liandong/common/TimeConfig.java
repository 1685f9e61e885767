package org.liandong.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.ZoneId;

/** Where "now" comes from, and the zone users see times in. Times are stored in UTC. */
@ConfigMapping(prefix = "liandong.time")
public interface TimeConfig {

    /** Zone in which times are shown unless a user chooses another. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    @ApplicationScoped
    class ClockProducer {
        /** One UTC clock for the whole service, injectable so that rules never call Instant.now() themselves. */
        @Produces
        @ApplicationScoped
        Clock clock() {
            return MicrosecondClock.UTC;
        }
    }
}
