package org.liandong.cluster;

import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Room ownership leases in Redis, each with an epoch (a fencing token). Keys (docs/cluster.md):
 * {@code <prefix>room:<sessionId>:owner} = {@code "<node> <epoch>"} with a TTL of
 * {@link ClusterConfig#leaseTtl()}, and {@code <prefix>room:<sessionId>:epoch}, a counter that only
 * grows. Every acquisition by a new owner increments the epoch; the owner renews every
 * {@link ClusterConfig#leaseRenewEvery()}; a renewal that finds another owner or epoch means the
 * lease was lost (this node paused past the TTL) and the room must stop writing. PostgreSQL writes
 * carry the epoch and are refused when a newer one was seen ({@link RoomFence}).
 */
@ApplicationScoped
public class RoomLeases {

    /**
     * KEYS owner, epoch; ARGV node, ttl ms. Returns the epoch held, or {@code -1 - remaining ms} of
     * the other node's lease when another node holds it.
     */
    private static final String ACQUIRE = """
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local node, ep = string.match(cur, '^(.*) (%d+)$')
              if node == ARGV[1] then
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
                return tonumber(ep)
              end
              local left = redis.call('PTTL', KEYS[1])
              if left < 0 then left = 0 end
              return -1 - left
            end
            local ep = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. ep, 'PX', ARGV[2])
            return ep
            """;

    /**
     * KEYS owner, epoch; ARGV "node epoch", ttl ms, epoch. 1 when renewed, 2 when taken back, 0 when
     * lost. A lease that expired while nobody took it is taken back with the same epoch: Redis was
     * down, so nobody could take it, and the rooms of a Redis outage recover without moving. That
     * holds also when Redis came back empty (restarted without persistence): no counter, or one
     * below ours, means no node took the room at a higher epoch; the counter is raised to ours so
     * that the next owner fences above it.
     */
    private static final String RENEW = """
            local cur = redis.call('GET', KEYS[1])
            if cur == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if not cur and tonumber(redis.call('GET', KEYS[2]) or '0') <= tonumber(ARGV[3]) then
              redis.call('SET', KEYS[2], ARGV[3])
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 2
            end
            return 0
            """;

    /** What a renewal found. */
    public enum Renewal {
        /** Still ours: extended. */
        KEPT,
        /** Expired while nobody could take it (Redis was down or came back empty): ours again, same epoch. */
        TAKEN_BACK,
        /** Another node holds it now, or a higher epoch exists: stop writing. */
        LOST
    }

    /** KEYS owner; ARGV "node epoch". Deletes the lease only if still ours. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final ClusterRedis redis;
    private final ClusterConfig config;
    private final NodeIdentity node;

    RoomLeases(ClusterRedis redis, ClusterConfig config, NodeIdentity node) {
        this.redis = redis;
        this.config = config;
        this.node = node;
    }

    /**
     * Takes (or keeps) the lease of a room for this node.
     *
     * @return the epoch this node holds it with, or empty while another node holds it
     * @throws ClusterRedis.Unavailable when Redis does not answer
     */
    public OptionalLong acquire(long sessionId) {
        Attempt a = attempt(sessionId);
        return a.taken() ? OptionalLong.of(a.epoch()) : OptionalLong.empty();
    }

    /**
     * One try to take (or keep) a room's lease.
     *
     * @param epoch the epoch this node now holds the room with; 0 when another node holds it
     * @param othersLeaseMillis while another node holds it: how long its lease still runs (ms). It
     *     only shrinks while that node is dead; it grows back when the node renews.
     */
    public record Attempt(long epoch, long othersLeaseMillis) {
        public boolean taken() {
            return epoch > 0;
        }
    }

    /** See {@link Attempt}; throws {@link ClusterRedis.Unavailable} when Redis does not answer. */
    public Attempt attempt(long sessionId) {
        long r = redis.eval(ACQUIRE, List.of(ownerKey(sessionId), epochKey(sessionId)), List.of(node.id(), ttlMillis()))
                .toLong();
        return r > 0 ? new Attempt(r, 0) : new Attempt(0, -1 - r);
    }

    /** Extends this node's lease, or takes it back after a Redis outage; see {@link Renewal}. */
    public Renewal renew(long sessionId, long epoch) {
        int r = redis.eval(
                        RENEW,
                        List.of(ownerKey(sessionId), epochKey(sessionId)),
                        List.of(value(epoch), ttlMillis(), Long.toString(epoch)))
                .toInteger();
        return r == 1 ? Renewal.KEPT : r == 2 ? Renewal.TAKEN_BACK : Renewal.LOST;
    }

    /** KEYS epoch; ARGV floor. Raises the epoch counter to at least the floor. */
    private static final String RAISE = """
            local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
            if cur < tonumber(ARGV[1]) then
              redis.call('SET', KEYS[1], ARGV[1])
            end
            return 1
            """;

    /**
     * Redis lost its data (restarted without persistence) while PostgreSQL remembers a higher epoch:
     * raise the counter past it, so that the next acquisition fences correctly instead of being
     * refused for ever. Call after releasing a lease that {@link RoomFence} refused.
     */
    public void raiseEpochTo(long sessionId, long floor) {
        redis.eval(RAISE, List.of(epochKey(sessionId)), List.of(Long.toString(floor)));
    }

    /** Gives the lease up at once (graceful shutdown: the next node need not wait for the TTL). */
    public void release(long sessionId, long epoch) {
        redis.eval(RELEASE, List.of(ownerKey(sessionId)), List.of(value(epoch)));
    }

    /** KEYS counter; ARGV window ms. Counts one hand-over in the window that the first one opened. */
    private static final String SPEND = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    /**
     * Takes one of the room's hand-overs for the current minute, counted across all nodes (key
     * {@code room:<id>:handovers}, expiring a minute after the first): false once
     * {@code liandong.cluster.hand-overs-per-minute} are spent, so that whoever keeps sending a
     * room's sockets to other nodes makes it reconnect that often at most.
     */
    public boolean spendHandOver(long sessionId) {
        long n = redis.eval(SPEND, List.of(redis.key("room", sessionId, "handovers")), List.of("60000"))
                .toLong();
        return n <= config.handOversPerMinute();
    }

    /** Who holds the lease now, as {@code "<node> <epoch>"}. */
    public Optional<String> holder(long sessionId) {
        Response r = redis.call(api -> api.get(ownerKey(sessionId)));
        return Optional.ofNullable(r).map(Response::toString);
    }

    /** The node that holds the lease now (the {@code <node>} of {@link #holder}). */
    public Optional<String> holderNode(long sessionId) {
        return holder(sessionId).map(h -> h.substring(0, h.lastIndexOf(' ')));
    }

    public String nodeId() {
        return node.id();
    }

    private String value(long epoch) {
        return node.id() + " " + epoch;
    }

    private String ttlMillis() {
        return Long.toString(config.leaseTtl().toMillis());
    }

    String ownerKey(long sessionId) {
        return redis.key("room", sessionId, "owner");
    }

    String epochKey(long sessionId) {
        return redis.key("room", sessionId, "epoch");
    }
}
