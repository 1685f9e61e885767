package org.liandong.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rule for secrets. With the demo seed on (the embedded default) missing secrets are generated
 * and kept under the data dir ({@link DemoSecrets}). With {@code liandong.demo.seed=false}, which
 * every production install sets, the service refuses to start unless each secret it needs is
 * configured, long enough, and none is a value published in our repository (application.properties,
 * deploy/ examples, the demo password). A cluster node ({@code liandong.cluster.enabled}) also needs
 * {@code liandong.cluster.secret}, demo or not: a generated secret would differ from node to node.
 * The refusal names the properties, never their values.
 */
@ApplicationScoped
public class SecretsPolicy {

    /** Values anyone can read in this repository: never acceptable as a production secret. */
    static final Set<String> PUBLISHED = Set.of(
            "liandong-local-janus",
            "liandong-local-admin",
            "liandong-embedded-seal",
            "liandong-demo",
            "change-me",
            "change-me-to-a-long-random-secret",
            "secret",
            "password");

    static final int MIN_LENGTH = 32;

    void check(@Observes @Priority(1) StartupEvent ev) {
        List<String> problems = problems(ConfigProvider.getConfig().unwrap(SmallRyeConfig.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + ". See README \"Security\", docs/cluster.md and deploy/systemd/liandong.env.");
        }
    }

    /** What is wrong with the secrets in {@code config}; empty when the service may start. */
    static List<String> problems(SmallRyeConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.getOptionalValue("liandong.cluster.enabled", Boolean.class).orElse(false)) {
            secret(config, "liandong.cluster.secret", MIN_LENGTH, problems);
            config.getOptionalValues("liandong.cluster.accepted-secrets", String.class)
                    .orElse(List.of())
                    .forEach(v -> {
                        if (!v.equals(v.strip())) {
                            // The list is split on commas, never trimmed: "OLD, NEW" would accept " NEW",
                            // and the values the other nodes seal under NEW would be dropped.
                            problems.add("liandong.cluster.accepted-secrets holds one with spaces around it"
                                    + " (separate them with a comma only)");
                        } else if (published(v)) {
                            problems.add("liandong.cluster.accepted-secrets holds a published default value");
                        } else if (v.length() < MIN_LENGTH) {
                            problems.add("liandong.cluster.accepted-secrets holds one shorter than " + MIN_LENGTH
                                    + " characters");
                        }
                    });
        }
        if (config.getOptionalValue("liandong.demo.seed", Boolean.class).orElse(true)) {
            return problems;
        }
        secret(config, "liandong.session-key", MIN_LENGTH, problems);
        secret(config, "liandong.sessions.join-token-secret", MIN_LENGTH, problems);
        secret(config, "liandong.audit.checkpoint-key", MIN_LENGTH, problems);
        if ("sfu"
                .equals(config.getOptionalValue("liandong.media.mode", String.class)
                        .orElse("mesh"))) {
            secret(config, "liandong.media.janus.api-secret", 16, problems);
            secret(config, "liandong.media.janus.admin-key", 16, problems);
        }
        if (config.getOptionalValue("liandong.decision.seal.keystore", String.class)
                .isEmpty()) {
            problems.add(
                    "liandong.decision.seal.keystore is not set (a generated seal key proves nothing about the issuing body)");
        } else {
            secret(config, "liandong.decision.seal.password", 8, problems);
        }
        if (config.getOptionalValue("liandong.decision.ofd", Boolean.class).orElse(true)
                && config.getOptionalValue("liandong.decision.seal.sm2-keystore", String.class)
                        .isEmpty()) {
            problems.add("liandong.decision.seal.sm2-keystore is not set (needed while liandong.decision.ofd is on; "
                    + "a generated SM2 seal key proves nothing about the issuing body)");
        }
        if (config.getOptionalValue("liandong.ice.turn-urls", String.class).isPresent()) {
            secret(config, "liandong.ice.turn-secret", 16, problems);
        }
        for (String name : List.of("liandong.db-password", "quarkus.mailer.password")) {
            Optional<String> v = config.getOptionalValue(name, String.class);
            if (v.isPresent() && published(v.get())) {
                problems.add(name + " is a published example value");
            }
        }
        return problems;
    }

    private static void secret(SmallRyeConfig config, String name, int minLength, List<String> problems) {
        ConfigValue v = config.getConfigValue(name);
        String value = v.getValue();
        if (value == null || value.isBlank() || DemoSecrets.EPHEMERAL.equals(v.getSourceName())) {
            problems.add(name + " is not set");
        } else if (published(value)) {
            problems.add(name + " is a published default value");
        } else if (value.length() < minLength) {
            problems.add(name + " is shorter than " + minLength + " characters");
        }
    }

    private static boolean published(String value) {
        return PUBLISHED.contains(value) || value.startsWith("change-me");
    }
}
