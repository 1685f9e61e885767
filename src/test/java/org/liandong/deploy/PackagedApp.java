package org.liandong.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app (target/quarkus-app/quarkus-run.jar) as a real process on a free port, with its
 * own data directory. The environment is inherited, so with LIANDONG_DB=postgresql (a jar built
 * for PostgreSQL) it uses the same database as the rest of the suite.
 */
final class PackagedApp {

    final int port;
    final Path dataDir;
    private final List<String> options;
    private Process process;

    PackagedApp(Path dataDir, String... options) throws Exception {
        this.port = freePort();
        this.dataDir = dataDir;
        this.options = List.of(options);
    }

    /** Starts the process and waits until /q/health/ready answers 200. */
    PackagedApp start() throws Exception {
        launch();
        try {
            // A loaded CI machine starts slowly; a process that exits while we wait fails at once.
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the packaged app exited during start-up; see " + dataDir, () -> !process.isAlive())
                    .ignoreExceptions() // not listening yet
                    .until(() -> given().port(port).get("/q/health/ready").statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("the packaged app was not ready within 240 s; see " + dataDir, e);
        }
        return this;
    }

    /** Starts the process and waits for it to exit by itself (a refused start); returns its exit code. */
    int startExpectingRefusal() throws Exception {
        launch();
        assertTrue(process.waitFor(240, TimeUnit.SECONDS), "the packaged app did not refuse to start");
        return process.exitValue();
    }

    /** Everything the process printed in all its runs. */
    String log() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = java.nio.file.Files.list(dataDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("app-"))
                    .sorted()
                    .toList()) {
                all.append(java.nio.file.Files.readString(f));
            }
        }
        return all.toString();
    }

    private void launch() throws Exception {
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        assertTrue(jar.isFile(), "package the app first (mvn verify does)");
        List<String> cmd = new ArrayList<>(List.of(
                "java",
                "-Dquarkus.http.port=" + port,
                "-Dliandong.data-dir=" + dataDir,
                // The six months of demo statistics are seeded in the background for a minute: not what these tests are
                // about.
                "-Dliandong.demo.history=false"));
        cmd.addAll(options);
        cmd.addAll(List.of("-jar", jar.getPath()));
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(
                        dataDir.resolve("app-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    /** SIGTERM: Quarkus shuts down gracefully and H2 closes its file. */
    void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook, no flush. */
    void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
