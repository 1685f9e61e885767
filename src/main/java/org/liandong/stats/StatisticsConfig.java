package org.liandong.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the statistics, the county ranking and the monthly bulletin ({@code liandong.statistics.*}). */
@ConfigMapping(prefix = "liandong.statistics")
public interface StatisticsConfig {

    /** A required department whose first person joins later than the scheduled start plus this is late. */
    @WithDefault("PT5M")
    Duration lateGrace();

    /** How many of the lowest-rated comments the statistics list for follow-up (回访). */
    @WithDefault("10")
    int lowestComments();

    Ranking ranking();

    Bulletin bulletin();

    /**
     * Weights of the county ranking's components (each component is 0–100). They need not add up to
     * 1: the score divides by the sum of the weights of the components that have data.
     */
    interface Ranking {
        /** On-time rate (按时办结率). */
        @WithDefault("0.30")
        double onTime();

        /** First-pass rate (一次通过率). */
        @WithDefault("0.20")
        double firstPass();

        /** Speed: 100 × (1 − mean share of the statutory limit used). */
        @WithDefault("0.20")
        double speed();

        /** At-most-one-visit share (最多跑一次). */
        @WithDefault("0.15")
        double visits();

        /** Satisfaction: share of 4–5 star ratings. */
        @WithDefault("0.15")
        double satisfaction();
    }

    interface Bulletin {
        /**
         * When the service checks whether last month's bulletin is due (Quarkus cron, in the zone
         * liandong.time.zone). It publishes on the first working day of the month, or on the next
         * check after that if the service was down; "off" disables it.
         */
        @WithDefault("0 30 8 * * ?")
        String cron();

        /** Name printed as the bulletin's issuer. */
        @WithDefault("淄博市行政审批服务局")
        String issuer();
    }
}
