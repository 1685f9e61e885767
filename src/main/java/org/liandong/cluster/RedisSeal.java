package org.liandong.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * What one node writes to Redis for another (room snapshots, room commands) carries an HMAC-SHA256
 * under {@code liandong.cluster.secret}, which all nodes share ({@link ClusterConfig#secret()};
 * required and at least 32 characters while the cluster is on, security/SecretsPolicy). Whoever can
 * write to Redis without the secret can then no longer plant seats or end rooms: a value whose MAC
 * is missing or wrong is dropped with a warning (never the secret, never the value) and counted in
 * metric {@code liandong.cluster.redis.refused} (tag {@code kind}).
 *
 * <p>Shape: {@code "<MAC, 43 characters of unpadded base64url> <text>"}. The MAC covers the Redis key
 * or channel name as well as the text, so a genuine snapshot of one room cannot be copied onto
 * another room or another deployment's prefix. Not covered: replaying an older genuine value under
 * the same key (an older snapshot of the same room; a command already sent), and the lease keys,
 * which carry no content (a forged lease can deny a room, not change one).
 *
 * <p>Changing the secret without stopping every node: values are sealed under the secret and opened
 * under it or any of {@code liandong.cluster.accepted-secrets} ({@link ClusterConfig#acceptedSecrets()}),
 * so a rolling restart can first make every node accept the new secret, then make it the one they seal
 * with (docs/cluster.md "Changing the cluster secret").
 */
@ApplicationScoped
public class RedisSeal {

    private static final Logger LOG = Logger.getLogger(RedisSeal.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_CHARS = 43; // 32 bytes, base64url without padding

    private final Optional<String> secret;
    private final List<SecretKeySpec> accepted;
    private final MeterRegistry metrics;
    private volatile SecretKeySpec key;

    @Inject
    RedisSeal(ClusterConfig config, MeterRegistry metrics) {
        this(config.secret(), config.acceptedSecrets().orElse(List.of()), metrics);
    }

    /** With secrets of its own (tests: a node of another deployment, or one mid-way through a change). */
    RedisSeal(Optional<String> secret, List<String> accepted, MeterRegistry metrics) {
        this.secret = secret;
        this.accepted = accepted.stream().map(RedisSeal::keyOf).toList();
        this.metrics = metrics;
    }

    /** {@code text} with its MAC in front, for key or channel {@code where}. */
    public String seal(String where, String text) {
        return mac(key(), where, text) + " " + text;
    }

    /**
     * The text of a sealed value read from {@code where}; empty (warned and counted under {@code kind})
     * when its MAC is missing or does not match.
     */
    public Optional<String> open(String kind, String where, String sealed) {
        if (sealed.length() > MAC_CHARS && sealed.charAt(MAC_CHARS) == ' ') {
            String text = sealed.substring(MAC_CHARS + 1);
            byte[] given = sealed.substring(0, MAC_CHARS).getBytes(StandardCharsets.US_ASCII);
            for (SecretKeySpec k : keys()) {
                if (MessageDigest.isEqual(mac(k, where, text).getBytes(StandardCharsets.US_ASCII), given)) {
                    return Optional.of(text);
                }
            }
        }
        LOG.warnf(
                "refused a %s from redis (%s): its MAC is missing or wrong (forged, or a node with another"
                        + " liandong.cluster.secret)",
                kind, where);
        metrics.counter("liandong.cluster.redis.refused", "kind", kind).increment();
        return Optional.empty();
    }

    /**
     * A value only the nodes of this deployment can compute from {@code purpose} (the secret of a
     * Janus room, which a surviving node needs to destroy a dead node's room): never stored anywhere.
     */
    public String derive(String purpose) {
        return mac(key(), "derived", purpose);
    }

    /** Values refused so far under {@code kind} (tests, benches). */
    public long refused(String kind) {
        return (long)
                metrics.counter("liandong.cluster.redis.refused", "kind", kind).count();
    }

    private static String mac(SecretKeySpec key, String where, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(where.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            // SecretsPolicy refuses to start a cluster node without it; this guards direct use.
            String s = secret.filter(v -> !v.isBlank())
                    .orElseThrow(() -> new IllegalStateException("liandong.cluster.secret is not set"));
            k = keyOf(s);
            key = k;
        }
        return k;
    }

    private List<SecretKeySpec> keys() {
        List<SecretKeySpec> all = new java.util.ArrayList<>(accepted.size() + 1);
        all.add(key());
        all.addAll(accepted);
        return all;
    }

    private static SecretKeySpec keyOf(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }
}
