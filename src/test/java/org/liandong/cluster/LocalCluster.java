package org.liandong.cluster;

import java.io.File;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the process tests of several nodes share: running deploy/cluster/run-local.sh (nodes and
 * HAProxy on loopback), reading Redis DB 5 with redis-cli, a clean work dir, and the loud skip when
 * a component is missing (a failure under CI=true).
 */
public final class LocalCluster {

    private LocalCluster() {}

    /** Runs {@code run-local.sh args} with exactly {@code env}; its output goes to a log in {@code dir}. */
    public static int script(Map<String, String> env, Path dir, String... args) throws Exception {
        Process p = scriptAsync(env, dir, args);
        if (!p.waitFor(12, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** As {@link #script}, without waiting (a restart during a live session). */
    public static Process scriptAsync(Map<String, String> env, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/cluster/run-local.sh"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("run-local-" + String.join("-", args) + ".log")
                                .toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }

    /** A key of the nodes' Redis (127.0.0.1:6379, DB 5); empty when absent. */
    public static String redisGet(String key) throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-n", "5", "--raw", "get", key).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    public static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /**
     * Skips {@code test} loudly (fails under CI=true) without haproxy, Redis, PostgreSQL, the app
     * packaged for it, or any of {@code alsoMissing} (the caller's own checks). The opt-in itself is
     * each class's {@code @EnabledIfEnvironmentVariable}.
     */
    public static void requirements(String test, List<String> alsoMissing) {
        List<String> missing = new ArrayList<>(alsoMissing);
        if (!new File("/usr/sbin/haproxy").canExecute() && !RedisCluster.onPath("haproxy")) {
            missing.add("haproxy (apt-get install haproxy)");
        }
        try (Socket s = new Socket("127.0.0.1", 6379)) {
            // Redis answers
        } catch (Exception e) {
            missing.add("Redis on 127.0.0.1:6379");
        }
        if (!"postgresql".equals(System.getenv("LIANDONG_DB"))) {
            missing.add("PostgreSQL (LIANDONG_DB=postgresql, the nodes share it)");
        }
        if (!new File("target/quarkus-app/quarkus-run.jar").isFile()) {
            missing.add("the packaged app (LIANDONG_DB=postgresql mvn -B package -DskipTests)");
        }
        RedisCluster.skipUnlessAll(test, missing);
    }
}
