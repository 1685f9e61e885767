package org.liandong.cluster;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A test profile with the cluster on, against the local Redis (127.0.0.1:6379, DB 5) under a key
 * prefix of its own per run. Without Redis the tests skip loudly, and fail under CI=true.
 */
public class RedisCluster implements QuarkusTestProfile {

    static final String PREFIX = "lt-nodes-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    /** The nodes' shared secret in these tests (the MAC on snapshots and room commands). */
    static final String SECRET = "cluster-test-secret-" + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "liandong.cluster.enabled", "true",
                "liandong.cluster.redis-url", "redis://127.0.0.1:6379/5",
                "liandong.cluster.key-prefix", PREFIX,
                "liandong.cluster.node-id", "test-node-a",
                "liandong.cluster.secret", SECRET,
                // RoomHandOverTest: a room stays at least this long before it is handed over.
                "liandong.cluster.hand-over-after", "PT3S");
    }

    /** Skips (or under CI=true fails) the calling test when no Redis answers on 127.0.0.1:6379. */
    public static void requireRedis() {
        try (Socket s = new Socket("127.0.0.1", 6379)) {
            return;
        } catch (Exception e) {
            String why = "Redis is not running on 127.0.0.1:6379 (apt-get install redis-server): " + e;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }

    /**
     * A process test's missing components: none, or a loud {@code *** … not available … SKIPPING}
     * line and a skip (a failure under CI=true).
     */
    public static void skipUnlessAll(String test, java.util.List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String why = test + " needs " + String.join(", ", missing) + " … not available … SKIPPING";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(why);
        }
        System.err.println("*** " + why);
        Assumptions.abort(why);
    }

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new java.io.File(d, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
