package org.liandong.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Several service nodes behind HAProxy (docs/cluster.md). Off by default: one node needs neither
 * Redis nor HAProxy, and the database-backed parts (job leases, outbox claims) work the same on one
 * node.
 */
@ConfigMapping(prefix = "liandong.cluster")
public interface ClusterConfig {

    /** Whether this node is one of several: rooms take leases and publish snapshots in Redis. */
    @WithDefault("false")
    boolean enabled();

    /**
     * This node's name in leases and logs; unique per running process. Unset: host name, process id
     * and a random suffix.
     */
    Optional<String> nodeId();

    /** Redis, as {@code redis://host:port/db}; used only when {@link #enabled()}. */
    @WithDefault("redis://127.0.0.1:6379/0")
    String redisUrl();

    /**
     * The secret all nodes share to authenticate what they write to Redis for each other (room
     * snapshots and commands, {@link RedisSeal}). Required while {@link #enabled()}, at least 32
     * characters and not a published value, or the node refuses to start (security/SecretsPolicy).
     * Never logged.
     */
    Optional<String> secret();

    /**
     * Further secrets accepted when reading what other nodes wrote, never used to write: for changing
     * {@link #secret()} without stopping every node (docs/cluster.md "Changing the cluster secret").
     * Same rules as the secret (SecretsPolicy).
     */
    Optional<java.util.List<String>> acceptedSecrets();

    /** Prefix of every Redis key and channel of this deployment (several deployments may share a Redis). */
    @WithDefault("liandong:")
    String keyPrefix();

    /** How long a room's ownership lease lasts without renewal; a dead owner's rooms move after it. */
    @WithDefault("PT3S")
    Duration leaseTtl();

    /** How often an owner renews its rooms' leases (well under {@link #leaseTtl()}). */
    @WithDefault("PT1S")
    Duration leaseRenewEvery();

    /**
     * A room's least stay on a node before it is handed to another node that the proxy now sends its
     * sockets to (RoomRegistry.askHandOver): damps a room passing back and forth while HAProxy settles.
     */
    @WithDefault("PT3S")
    Duration handOverAfter();

    /**
     * At most this many hand-overs of one room per minute, across all nodes: a transition of HAProxy
     * needs one; more means someone keeps sending the room's sockets to nodes that do not hold it
     * (e.g. straight to a node, past HAProxy), and the room stays put (RoomLeases.spendHandOver).
     */
    @WithDefault("4")
    int handOversPerMinute();

    /** Coalescing window of room snapshots: at most one write per room per window. */
    @WithDefault("PT0.1S")
    Duration snapshotEvery();

    /**
     * How long a node waits for the room owner's answer to a request it relayed (recording on/off on
     * a node that does not hold the room); then the caller gets 504.
     */
    @WithDefault("PT15S")
    Duration requestTimeout();

    /** How long a snapshot outlives its room's last change (a room nobody takes over is forgotten). */
    @WithDefault("PT10M")
    Duration snapshotTtl();
}
