package org.liandong.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.liandong.support.Requires;

/**
 * Janus and coturn started on loopback through deploy/janus/run-local.sh and
 * deploy/turn/run-local.sh, on free ports: one of each shared by the whole test run
 * ({@link #janus()}, {@link #turn()}; see {@link JanusLab}), or a private one for a test that
 * kills it ({@link #startJanus}).
 */
final class LocalMedia {
    static final String TURN_SECRET = "liandong-test-turn-secret";

    private static Running sharedJanus;
    private static Running sharedTurn;

    private LocalMedia() {}

    /** The test run's one Janus, started on first use and stopped when the JVM exits. */
    static synchronized Running janus() throws Exception {
        if (sharedJanus == null) {
            sharedJanus = stopAtExit(startJanus("janus-shared"));
        }
        return sharedJanus;
    }

    /** The test run's one coturn, started on first use and stopped when the JVM exits. */
    static synchronized Running turn() throws Exception {
        if (sharedTurn == null) {
            sharedTurn = stopAtExit(startTurn("turn-shared"));
        }
        return sharedTurn;
    }

    private static Running stopAtExit(Running process) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                process.close();
            } catch (IOException e) {
                System.err.println("stopping " + process.script() + ": " + e);
            }
        }));
        return process;
    }

    /** A running local process started by one of the scripts. */
    record Running(Path dir, int port, String pidFile, String script, Map<String, String> env)
            implements AutoCloseable {
        /** Starts the same server again, on the same ports (after {@link #kill}). */
        void restart() throws Exception {
            run(script, env);
        }

        long pid() throws IOException {
            return Long.parseLong(Files.readString(dir.resolve(pidFile)).trim());
        }

        /** Kills the process at once (SIGKILL), as a crashing host would die, and waits until it is gone. */
        void kill() throws IOException {
            ProcessHandle.of(pid()).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        }

        @Override
        public void close() throws IOException {
            ProcessHandle.of(pid()).ifPresent(p -> {
                p.destroy();
                p.onExit()
                        .orTimeout(5, TimeUnit.SECONDS)
                        .exceptionally(e -> {
                            p.destroyForcibly();
                            return p;
                        })
                        .join();
            });
        }
    }

    static Running startJanus(String name) throws Exception {
        Requires.executable("Janus", "/usr/bin/janus", "apt-get install -y janus janus-tools (or .ci/run)");
        int port = freeTcpPort();
        int rtp = 30000 + ThreadLocalRandom.current().nextInt(100) * 200;
        Path dir = Path.of("target", name).toAbsolutePath();
        Map<String, String> env = Map.of(
                "JANUS_DIR", dir.toString(), "JANUS_WS_PORT", "" + port, "JANUS_RTP_RANGE", rtp + "-" + (rtp + 199));
        run("deploy/janus/run-local.sh", env);
        return new Running(dir, port, "janus.pid", "deploy/janus/run-local.sh", env);
    }

    static Running startTurn(String name) throws Exception {
        Requires.executable("coturn", "/usr/bin/turnserver", "apt-get install -y coturn (or .ci/run)");
        int port = freeUdpPort();
        int relay = 50000 + ThreadLocalRandom.current().nextInt(100) * 100;
        Path dir = Path.of("target", name).toAbsolutePath();
        Map<String, String> env = Map.of(
                "TURN_DIR",
                dir.toString(),
                "TURN_PORT",
                "" + port,
                "TURN_RELAY_PORTS",
                relay + "-" + (relay + 99),
                "TURN_SECRET",
                TURN_SECRET);
        run("deploy/turn/run-local.sh", env);
        return new Running(dir, port, "turnserver.pid", "deploy/turn/run-local.sh", env);
    }

    static URI janusUri(Running janus) {
        return URI.create("ws://127.0.0.1:" + janus.port());
    }

    private static void run(String script, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(script).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(script + " failed: " + output);
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
