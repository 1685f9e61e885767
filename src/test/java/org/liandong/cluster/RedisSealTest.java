package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The MAC on what nodes write to Redis, and changing the cluster secret by a rolling restart in two
 * rounds (docs/cluster.md "Changing the cluster secret"): at every step of the change, each node opens
 * what every other node seals.
 */
class RedisSealTest {

    static final String OLD = "old-cluster-secret-of-more-than-32-characters";
    static final String NEW = "new-cluster-secret-of-more-than-32-characters";
    static final String WHERE = "liandong:room:7:snapshot";

    private static RedisSeal node(String secret, String... accepted) {
        return new RedisSeal(Optional.of(secret), List.of(accepted), new SimpleMeterRegistry());
    }

    @Test
    void aValueOpensOnlyUnderItsKeyAndASecretTheNodeKnows() {
        RedisSeal a = node(OLD);
        String sealed = a.seal(WHERE, "{\"seats\":[]}");
        assertEquals(Optional.of("{\"seats\":[]}"), a.open("snapshot", WHERE, sealed));
        assertTrue(a.open("snapshot", "liandong:room:8:snapshot", sealed).isEmpty(), "bound to its key");
        RedisSeal stranger = node(NEW);
        assertTrue(stranger.open("snapshot", WHERE, sealed).isEmpty(), "another secret");
        assertEquals(1, stranger.refused("snapshot"));
        assertTrue(a.open("snapshot", WHERE, "x".repeat(43) + " {\"seats\":[]}").isEmpty(), "forged MAC");
    }

    @Test
    void aRollingChangeOfTheSecretLosesNothingBetweenOldAndNewNodes() {
        RedisSeal before = node(OLD);
        RedisSeal roundOne = node(OLD, NEW); // seals with the old secret, accepts the new one
        RedisSeal roundTwo = node(NEW, OLD); // seals with the new one, still accepts the old
        RedisSeal after = node(NEW);
        // Each round's nodes run beside the previous round's.
        List<List<RedisSeal>> side =
                List.of(List.of(before, roundOne), List.of(roundOne, roundTwo), List.of(roundTwo, after));
        for (List<RedisSeal> pair : side) {
            for (RedisSeal writer : pair) {
                for (RedisSeal reader : pair) {
                    String text = "command " + pair.indexOf(writer) + pair.indexOf(reader);
                    assertEquals(Optional.of(text), reader.open("room command", WHERE, writer.seal(WHERE, text)));
                }
            }
        }
        // The lesson of the two rounds: a node that skips round one drops what the new nodes write.
        assertTrue(before.open("room command", WHERE, roundTwo.seal(WHERE, "x")).isEmpty());
    }
}
