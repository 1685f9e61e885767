package org.liandong.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.support.Requires;

/**
 * Issue 16, "descriptor exhaustion": about 20,000 half-sent HTTP requests (a request head that never
 * ends, the slowloris pattern) used up the node's file descriptors and {@code /q/health} timed out
 * until they were released. The defence is split: the node caps and times out connections
 * ({@code quarkus.http.idle-timeout}, {@code limits.max-connections}), and the reverse proxy limits
 * each client address and times out request heads. This test runs the shipped
 * {@code deploy/haproxy/liandong.cfg} in a real HAProxy (only its addresses changed: a loopback
 * port, no TLS, this test's node as the server; and the global maxconn fits this machine's descriptor limit) and attacks through it, and also the node directly.
 */
@QuarkusTest
class HalfSentRequestsTest {

    /** The head of a request whose blank line never comes. */
    private static final byte[] HALF_SENT =
            "GET /q/health HTTP/1.1\r\nHost: liandong\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

    @TestHTTPResource("/")
    URL node;

    private final List<Socket> sockets = new ArrayList<>();
    private Process haproxy;

    @AfterEach
    void release() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (haproxy != null) {
            haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theNodeStillAnswersHealthWhileThousandsOfHalfSentRequestsAreOpen() throws Exception {
        for (int i = 0; i < 3000; i++) {
            sockets.add(halfSent("127.0.0.2", node.getPort()));
        }
        assertEquals(200, health("127.0.0.1", node.getPort()), "the node answers beside 3,000 half-sent requests");
    }

    @Test
    void theProxyCapsOneAddressAndClosesHeadsThatNeverEndWhileOthersAreServed() throws Exception {
        Requires.executable("HAProxy", "/usr/sbin/haproxy", "apt-get install haproxy (.ci/run installs it)");
        int port = startHaproxy();

        // One address opens 150 half-sent requests; the shipped limit is 100 open per address.
        int refused = 0;
        for (int i = 0; i < 150; i++) {
            try {
                sockets.add(halfSent("127.0.0.2", port));
            } catch (IOException resetWhileConnecting) {
                refused++; // the proxy's reset can arrive before the client finished connecting
            }
        }
        for (Socket s : sockets) {
            if (closedByPeer(s, Duration.ofMillis(50))) {
                refused++;
            }
        }
        assertTrue(refused >= 50, "connections over the per-address cap are refused at once, refused " + refused);
        assertEquals(200, health("127.0.0.3", port), "another client is served while the attacker holds the cap");

        // The heads never end: the proxy answers 408 and closes them (timeout http-request 10s).
        await("half-sent requests closed by the proxy")
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> sockets.stream().allMatch(s -> closedByPeer(s, Duration.ofMillis(50))));
        assertEquals(
                200, health("127.0.0.2", port), "the attacker's address is served again once its connections are gone");
    }

    /** Starts HAProxy on the shipped configuration with its addresses replaced; returns its port. */
    private int startHaproxy() throws Exception {
        String shipped = Files.readString(Path.of("deploy/haproxy/liandong.cfg"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String server = "127.0.0.1:" + node.getPort();
        String config = shipped.replaceAll("(?m)^\\s*bind :443 .*$", "")
                .replaceAll("(?m)^(\\s*)bind :80\\s*$", "$1bind 127.0.0.1:" + port)
                .replaceAll("(?m)^\\s*http-request redirect scheme https.*$", "")
                .replaceAll(
                        "(?m)^(\\s*maxconn )\\d+\\s*$",
                        "$14000") // the process's descriptor limit here; production raises LimitNOFILE
                .replaceAll("(?m)^(\\s*server node1 )\\S+( .*)$", "$1" + server + "$2")
                .replaceAll("(?m)^\\s*server node2 .*$", "");
        assertTrue(
                config.contains("timeout http-request") && config.contains("sc0_conn_cur"),
                "the shipped limits are kept");
        Path file = Files.createDirectories(Path.of("target/haproxy")).resolve("half-sent.cfg");
        Files.writeString(file, config);
        haproxy = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/haproxy/half-sent.log").toFile())
                .start();
        await("HAProxy listening")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !haproxy.isAlive() || Requires.listening("127.0.0.1", port));
        assertTrue(haproxy.isAlive(), () -> "HAProxy exited: " + readLog());
        return port;
    }

    private static String readLog() {
        try {
            return Files.readString(Path.of("target/haproxy/half-sent.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Socket halfSent(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(HALF_SENT);
        s.getOutputStream().flush();
        return s;
    }

    /** Whether the peer has closed (or reset) {@code s}, waiting at most {@code wait} for a sign. */
    private static boolean closedByPeer(Socket s, Duration wait) {
        try {
            s.setSoTimeout((int) wait.toMillis());
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** A complete GET /q/health/live from {@code from}; returns the status code. */
    private static int health(String from, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: liandong\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
