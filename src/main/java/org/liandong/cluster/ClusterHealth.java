package org.liandong.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis in readiness, as a warning only: the node stays UP without Redis (its rooms keep running,
 * degraded: no failover, no snapshots), so that a Redis outage does not make HAProxy drop every node.
 * Liveness does not look at Redis at all.
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

    private final ClusterRedis redis;
    private final NodeIdentity node;

    ClusterHealth(ClusterRedis redis, NodeIdentity node) {
        this.redis = redis;
        this.node = node;
    }

    /**
     * Probes Redis every 2 s off the health path: the check itself never waits for Redis (HAProxy's
     * check times out after 400 ms, and a slow Redis must not take nodes out).
     */
    @io.quarkus.scheduler.Scheduled(
            every = "2s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        if (redis.enabled()) {
            try {
                redis.call(api -> api.ping(java.util.List.of()));
            } catch (ClusterRedis.Unavailable e) {
                // shown by call() as a warning
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("cluster").up().withData("node", node.id());
        if (!redis.enabled()) {
            return r.withData("mode", "single node").build();
        }
        r.withData("mode", "cluster");
        if (redis.up()) {
            return r.withData("redis", "up").build();
        }
        return r.withData("redis", "down")
                .withData("warning", "degraded: rooms run on their nodes without failover until redis returns")
                .withData("error", String.valueOf(redis.lastError()))
                .build();
    }
}
