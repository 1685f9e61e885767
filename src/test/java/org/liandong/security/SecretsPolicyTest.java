package org.liandong.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 "Secrets" and issue 10 point 7: with the demo seed off, the service refuses to start with
 * a generated, missing, short or published secret, and says which property without its value.
 */
class SecretsPolicyTest {

    private static final String GOOD = "k7Gq2vN9xR4tW8yB1mC5eH3jL6pS0uZa";

    private static Map<String, String> production() {
        Map<String, String> m = new HashMap<>();
        m.put("liandong.demo.seed", "false");
        m.put("liandong.session-key", GOOD + "1");
        m.put("liandong.sessions.join-token-secret", GOOD + "2");
        m.put("liandong.audit.checkpoint-key", GOOD + "3");
        m.put("liandong.decision.seal.keystore", "/etc/liandong/seal.p12");
        m.put("liandong.decision.seal.password", "a-real-keystore-password");
        m.put("liandong.decision.seal.sm2-keystore", "/etc/liandong/seal-sm2.p12");
        return m;
    }

    /** The configuration as the service sees it: ours on top, the generated (in-memory) secrets below. */
    private static List<String> problems(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 300), new DemoSecrets.Source(null))
                .build();
        return SecretsPolicy.problems(config);
    }

    @Test
    void aProductionInstallWithItsOwnSecretsStarts() {
        assertEquals(List.of(), problems(production()));
    }

    @Test
    void generatedSecretsAreRefusedInProduction() {
        Map<String, String> m = production();
        m.remove("liandong.session-key");
        m.remove("liandong.sessions.join-token-secret");
        m.remove("liandong.audit.checkpoint-key");
        m.remove("liandong.decision.seal.keystore");
        List<String> problems = problems(m);
        assertTrue(problems.contains("liandong.session-key is not set"), problems.toString());
        assertTrue(problems.contains("liandong.sessions.join-token-secret is not set"), problems.toString());
        assertTrue(problems.contains("liandong.audit.checkpoint-key is not set"), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("liandong.decision.seal.keystore is not set")),
                problems.toString());
    }

    @Test
    void aGeneratedSm2SealIsRefusedWhileOfdIsOnOnly() {
        Map<String, String> m = production();
        m.remove("liandong.decision.seal.sm2-keystore");
        assertTrue(
                problems(m).stream().anyMatch(p -> p.startsWith("liandong.decision.seal.sm2-keystore is not set")),
                problems(m).toString());
        m.put("liandong.decision.ofd", "false");
        assertEquals(List.of(), problems(m));
    }

    @Test
    void publishedJanusSecretsAreRefusedInSfuMode() throws Exception {
        Properties shipped = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            shipped.load(in);
        }
        Map<String, String> m = production();
        m.put("liandong.media.mode", "sfu");
        m.put("liandong.media.janus.api-secret", shipped.getProperty("liandong.media.janus.api-secret"));
        m.put("liandong.media.janus.admin-key", shipped.getProperty("liandong.media.janus.admin-key"));
        List<String> problems = problems(m);
        assertEquals(
                List.of(
                        "liandong.media.janus.api-secret is a published default value",
                        "liandong.media.janus.admin-key is a published default value"),
                problems);
        String message = String.join(" ", problems);
        assertFalse(message.contains(shipped.getProperty("liandong.media.janus.api-secret")), "values never appear");
    }

    @Test
    void everyExampleValueInTheRepositoryIsRefused() throws Exception {
        // deploy/systemd/liandong.env ships placeholders; copying it unchanged must not start.
        for (String raw : Files.readAllLines(Path.of("deploy/systemd/liandong.env"))) {
            String line = raw.startsWith("#") ? raw.substring(1) : raw;
            if (!line.contains("=")) {
                continue;
            }
            String value = line.substring(line.indexOf('=') + 1);
            if (line.matches(
                    "LIANDONG_(SESSION_KEY|SESSIONS_JOIN_TOKEN_SECRET|AUDIT_CHECKPOINT_KEY|DB_PASSWORD|"
                            + "MEDIA_JANUS_API_SECRET|MEDIA_JANUS_ADMIN_KEY|DECISION_SEAL_PASSWORD|ICE_TURN_SECRET|CLUSTER_SECRET)=.*")) {
                assertTrue(SecretsPolicy.PUBLISHED.contains(value) || value.startsWith("change-me"), line);
            }
        }
        Map<String, String> m = production();
        m.put("liandong.session-key", "change-me-to-a-long-random-secret");
        m.put("liandong.sessions.join-token-secret", "short");
        m.put("liandong.db-password", "change-me");
        assertEquals(
                List.of(
                        "liandong.session-key is a published default value",
                        "liandong.sessions.join-token-secret is shorter than 32 characters",
                        "liandong.db-password is a published example value"),
                problems(m));
    }

    @Test
    void aClusterNodeNeedsItsSharedSecretEvenInTheDemo() {
        // Issue 13: the MAC on what nodes write to Redis (cluster/RedisSeal) needs one secret on every node.
        Map<String, String> demo =
                new HashMap<>(Map.of("liandong.demo.seed", "true", "liandong.cluster.enabled", "true"));
        assertEquals(List.of("liandong.cluster.secret is not set"), problems(demo));
        demo.put("liandong.cluster.secret", "too-short-for-a-mac-key");
        assertEquals(List.of("liandong.cluster.secret is shorter than 32 characters"), problems(demo));
        demo.put("liandong.cluster.secret", "change-me-to-a-long-random-secret");
        List<String> published = problems(demo);
        assertEquals(List.of("liandong.cluster.secret is a published default value"), published);
        assertFalse(String.join(" ", published).contains("change-me-to"), "values never appear");

        Map<String, String> m = production();
        m.put("liandong.cluster.enabled", "true");
        assertEquals(List.of("liandong.cluster.secret is not set"), problems(m));
        m.put("liandong.cluster.secret", GOOD + "4");
        assertEquals(List.of(), problems(m));
        m.put("liandong.cluster.accepted-secrets", GOOD + "5,short");
        assertEquals(List.of("liandong.cluster.accepted-secrets holds one shorter than 32 characters"), problems(m));
        m.put("liandong.cluster.accepted-secrets", GOOD + "5,change-me-to-a-long-random-secret");
        assertEquals(List.of("liandong.cluster.accepted-secrets holds a published default value"), problems(m));
        m.put("liandong.cluster.accepted-secrets", GOOD + "5, " + GOOD + "6");
        assertEquals(
                List.of("liandong.cluster.accepted-secrets holds one with spaces around it"
                        + " (separate them with a comma only)"),
                problems(m),
                "not trimmed: ' " + GOOD + "6' would never open what is sealed under " + GOOD + "6");
        m.put("liandong.cluster.accepted-secrets", GOOD + "5," + GOOD + "6");
        assertEquals(List.of(), problems(m), "two, comma only");
        m.put("liandong.cluster.accepted-secrets", GOOD + "5");
        assertEquals(List.of(), problems(m), "a secret being changed to");
        m.remove("liandong.cluster.accepted-secrets");
        m.put("liandong.cluster.enabled", "false");
        m.remove("liandong.cluster.secret");
        assertEquals(List.of(), problems(m), "a single node needs no cluster secret");
    }

    @Test
    void theEmbeddedDemoMayRunOnGeneratedSecrets() {
        assertEquals(List.of(), problems(Map.of("liandong.demo.seed", "true")));
    }
}
