package org.liandong.stats;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The statistics in readiness, as information only: the node is UP while the statistics catch up
 * after a start (everything else works; the statistics API answers 503 meanwhile), and the data
 * says {@code "statistics": "statistics catching up"} until they are current.
 */
@Readiness
@ApplicationScoped
public class StatisticsHealth implements HealthCheck {

    private final StatisticsSnapshot snapshot;

    StatisticsHealth(StatisticsSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("statistics")
                .up()
                .withData("statistics", snapshot.state().text)
                .build();
    }
}
