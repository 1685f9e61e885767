package org.liandong.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.liandong.room.state.RoomState;

/**
 * Room snapshots in Redis, key {@code <prefix>room:<sessionId>:snapshot} (JSON of
 * {@link RoomState.Snapshot}, TTL {@link ClusterConfig#snapshotTtl()}). A change marks the room; the
 * write follows within {@link ClusterConfig#snapshotEvery()}, so a burst of changes costs one write
 * per window and per room (coalescing). The value carries a MAC ({@link RedisSeal}); a snapshot without
 * a valid one is not restored. The write carries the lease epoch and only lands if that epoch
 * still owns the room, so a stale owner cannot overwrite its successor's snapshot.
 */
@ApplicationScoped
public class RoomSnapshots {

    private static final Logger LOG = Logger.getLogger(RoomSnapshots.class);

    /** KEYS snapshot, owner; ARGV json, ttl ms, "node epoch". */
    private static final String WRITE = """
            if redis.call('GET', KEYS[2]) == ARGV[3] then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """;

    private final ClusterRedis redis;
    private final ClusterConfig config;
    private final NodeIdentity node;
    private final ObjectMapper json;
    private final RedisSeal seal;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "room-snapshots");
        t.setDaemon(true);
        return t;
    });
    private final LongAdder writes = new LongAdder();

    RoomSnapshots(ClusterRedis redis, ClusterConfig config, NodeIdentity node, ObjectMapper json, RedisSeal seal) {
        this.redis = redis;
        this.config = config;
        this.node = node;
        this.json = json;
        this.seal = seal;
    }

    /**
     * The room changed: its snapshot ({@code take}, called later under the room lock) is written
     * within one coalescing window. No-op on a single node.
     */
    public void changed(long sessionId, long epoch, Supplier<RoomState.Snapshot> take) {
        if (!redis.enabled() || epoch == 0 || !pending.add(sessionId)) {
            return;
        }
        timer.schedule(
                () -> Infrastructure.getDefaultWorkerPool().execute(() -> {
                    pending.remove(sessionId);
                    write(sessionId, epoch, take.get());
                }),
                config.snapshotEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Writes now (graceful shutdown); false when Redis or the lease refused it. */
    public boolean write(long sessionId, long epoch, RoomState.Snapshot snapshot) {
        try {
            String text = seal.seal(key(sessionId), json.writeValueAsString(snapshot));
            boolean ok = redis.eval(
                                    WRITE,
                                    List.of(key(sessionId), redis.key("room", sessionId, "owner")),
                                    List.of(
                                            text,
                                            Long.toString(config.snapshotTtl().toMillis()),
                                            node.id() + " " + epoch))
                            .toInteger()
                    == 1;
            writes.increment();
            return ok;
        } catch (ClusterRedis.Unavailable e) {
            return false; // degraded: logged once by ClusterRedis
        } catch (Exception e) {
            LOG.errorf(e, "room %d: writing its snapshot failed", sessionId);
            return false;
        }
    }

    /** The last snapshot of a room, if one is kept and its MAC is valid ({@link RedisSeal}). */
    public Optional<RoomState.Snapshot> read(long sessionId) {
        Response r = redis.call(api -> api.get(key(sessionId)));
        if (r == null) {
            return Optional.empty();
        }
        Optional<String> text = seal.open("room snapshot", key(sessionId), r.toString());
        if (text.isEmpty()) {
            return Optional.empty(); // the room starts afresh; its record is in PostgreSQL
        }
        try {
            return Optional.of(json.readValue(text.get(), RoomState.Snapshot.class));
        } catch (Exception e) {
            LOG.warnf("room %d: its snapshot does not read (%s); the room starts afresh", sessionId, e.toString());
            return Optional.empty();
        }
    }

    /** The room emptied or ended: nothing to carry over any more. */
    public void forget(long sessionId) {
        if (redis.enabled()) {
            try {
                redis.call(api -> api.del(List.of(key(sessionId))));
            } catch (ClusterRedis.Unavailable e) {
                // expires by its TTL
            }
        }
    }

    /** Snapshot writes since start (bench: Redis writes per second per active room). */
    public long writes() {
        return writes.sum();
    }

    String key(long sessionId) {
        return redis.key("room", sessionId, "snapshot");
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
