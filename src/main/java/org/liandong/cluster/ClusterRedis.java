package org.liandong.cluster;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * This node's Redis, only when {@link ClusterConfig#enabled()}: created on first use, never at all on
 * a single node (no Quarkus-managed client is injected anywhere, so {@code quarkus.redis.*} stays
 * unset). Calls block for at most {@link #TIMEOUT} and are made from worker threads only.
 *
 * <p>Outage: a failed call marks Redis down (shown by {@link ClusterHealth}, readiness stays UP so
 * HAProxy keeps the node) and throws {@link Unavailable}; rooms keep running without failover, and
 * the next successful call marks it up again (the pool reconnects by itself).
 */
@ApplicationScoped
public class ClusterRedis {

    private static final Logger LOG = Logger.getLogger(ClusterRedis.class);
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Redis did not answer in time or refused: the caller degrades (no failover), never fails its room. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("redis unavailable: " + cause.getMessage(), cause);
        }
    }

    private final ClusterConfig config;
    private final Vertx vertx;
    private Redis client;
    private RedisAPI api;
    private volatile boolean up = true;
    private volatile String lastError;

    ClusterRedis(ClusterConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Whether the last call succeeded (true before the first). */
    public boolean up() {
        return up;
    }

    public String lastError() {
        return lastError;
    }

    /** A key or channel of this deployment: the prefix, then the parts joined by colons. */
    public String key(Object... parts) {
        StringBuilder k = new StringBuilder(config.keyPrefix());
        for (int i = 0; i < parts.length; i++) {
            k.append(i == 0 ? "" : ":").append(parts[i]);
        }
        return k.toString();
    }

    /** Runs one command, waiting at most {@link #TIMEOUT}; may return null (a nil reply). */
    public Response call(Function<RedisAPI, Uni<Response>> command) {
        try {
            Response r = command.apply(api()).await().atMost(TIMEOUT);
            if (!up) {
                LOG.info("redis is back: failover works again");
            }
            up = true;
            return r;
        } catch (RuntimeException e) {
            if (up) {
                LOG.warnf("redis unavailable (%s): rooms keep running here, without failover", e.toString());
            }
            up = false;
            lastError = e.toString();
            throw new Unavailable(e);
        }
    }

    /** EVAL of a Lua script with its keys and arguments. */
    public Response eval(String script, List<String> keys, List<String> args) {
        List<String> all = new java.util.ArrayList<>();
        all.add(script);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        return call(r -> r.eval(all));
    }

    /** A dedicated connection (pub/sub needs its own). */
    public Uni<io.vertx.mutiny.redis.client.RedisConnection> connect() {
        api();
        return client.connect();
    }

    synchronized RedisAPI api() {
        if (!config.enabled()) {
            throw new IllegalStateException("liandong.cluster.enabled is false: this node uses no Redis");
        }
        if (api == null) {
            client = Redis.createClient(
                    vertx,
                    new RedisOptions()
                            .setConnectionString(config.redisUrl())
                            .setMaxPoolSize(8)
                            .setMaxPoolWaiting(256));
            api = RedisAPI.api(client);
        }
        return api;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
