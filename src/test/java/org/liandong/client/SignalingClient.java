package org.liandong.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A client of the room signaling protocol (docs/signaling.md) over the JDK's WebSocket: connect,
 * send JSON, keep every message received (across reconnects), wait for one. Media lives in
 * {@link MeshClient}. {@link #reconnecting} makes a client that comes back by itself after a loss,
 * on the same schedule as the browser's ({@link Backoff}).
 */
public class SignalingClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;
    /** Set for a reconnecting client: where to, on what schedule; null for a one-socket client. */
    private volatile Target target;

    private volatile boolean stopped;
    private volatile int attempt;
    /** Close codes of every socket this client lost; for a failed attempt the upgrade's HTTP status, or -1 (no answer). */
    private final List<Integer> losses = new CopyOnWriteArrayList<>();

    private volatile int refusedWith = -1;
    /** When each socket (or attempt) was lost, and when each welcome arrived (System.nanoTime). */
    private final List<Long> lossNanos = new CopyOnWriteArrayList<>();

    private final List<Long> welcomeNanos = new CopyOnWriteArrayList<>();

    private record Target(URI base, long sessionId, String token, String origin, Backoff backoff) {}

    private static final java.util.concurrent.ScheduledExecutorService RETRIES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "signaling-reconnect");
                t.setDaemon(true);
                return t;
            });
    /** Upgrade refusals that mean "not you, not here": no retry (401 bad link, 403 origin, 404 no session). */
    private static final java.util.Set<Integer> FINAL_REFUSALS = java.util.Set.of(400, 401, 403, 404, 410);

    /** Opens {@code ws://host:port/rooms/{sessionId}?token=...}; origin may be null (non-browser). */
    public static SignalingClient connect(URI base, long sessionId, String token, String origin) {
        return connect(base, sessionId, token, origin, m -> {});
    }

    /** As above, with a listener that sees every message from the very first (the welcome). */
    public static SignalingClient connect(
            URI base, long sessionId, String token, String origin, Consumer<JsonNode> listener) {
        SignalingClient c = new SignalingClient();
        c.listeners.add(listener);
        c.open(base, sessionId, token, origin);
        return c;
    }

    /**
     * A client that reconnects by itself with {@code backoff} whenever its socket is lost, except
     * after a final close code ({@link Backoff#FINAL}), a final upgrade refusal (4xx but 429) or
     * {@link #close}. Not yet open: {@link #start} opens the first socket (also with retries); the
     * listener sees every message of every socket.
     */
    public static SignalingClient reconnecting(
            URI base, long sessionId, String token, String origin, Backoff backoff, Consumer<JsonNode> listener) {
        SignalingClient c = new SignalingClient();
        c.listeners.add(listener);
        c.target = new Target(base, sessionId, token, origin, backoff);
        return c;
    }

    /** Opens a {@link #reconnecting} client's first socket; returns this client. */
    public SignalingClient start() {
        tryOpen();
        return this;
    }

    private void tryOpen() {
        Target t = target;
        if (stopped) {
            return;
        }
        CompletableFuture<Integer> nextClosed = new CompletableFuture<>();
        builder(t.origin)
                .buildAsync(wsUri(t.base, t.sessionId, t.token), new Listener(nextClosed))
                .whenComplete((ws, error) -> {
                    if (error == null) {
                        closed = nextClosed;
                        socket = ws;
                        if (stopped) {
                            close();
                        }
                        return;
                    }
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    if (cause instanceof java.net.http.WebSocketHandshakeException h) {
                        int status = h.getResponse().statusCode();
                        if (FINAL_REFUSALS.contains(status)) {
                            refusedWith = status;
                            return;
                        }
                        lost(status); // 503 (the room is held elsewhere), 429 (too many upgrades): retry
                        return;
                    }
                    lost(-1);
                });
    }

    /** A socket (or an attempt) is gone: schedule the next try, unless the loss is final. */
    private void lost(int code) {
        lossNanos.add(System.nanoTime());
        losses.add(code);
        Target t = target;
        if (t == null || stopped || Backoff.FINAL.contains(code)) {
            return;
        }
        if (code == Backoff.RECONNECT_NOW) {
            attempt = 0;
        }
        Duration wait = t.backoff.delay(attempt++, code);
        RETRIES.schedule(this::tryOpen, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Close codes of the sockets this client lost so far, in order; a refused attempt's HTTP status; -1: no answer. */
    public List<Integer> losses() {
        return List.copyOf(losses);
    }

    /** When (System.nanoTime) the n-th welcome arrived, 1 = the first. */
    public long welcomeNanos(int n) {
        return welcomeNanos.get(n - 1);
    }

    /**
     * The longest time without a socket since {@code sinceNanos}: from the first loss after a
     * welcome to the next welcome (an outage still running counts up to now), in milliseconds.
     */
    public long longestInterruptionMs(long sinceNanos) {
        long longest = 0;
        for (long lostAt : lossNanos) {
            if (lostAt < sinceNanos) {
                continue;
            }
            long back =
                    welcomeNanos.stream().filter(w -> w > lostAt).findFirst().orElse(System.nanoTime());
            longest = Math.max(longest, back - lostAt);
        }
        return longest / 1_000_000;
    }

    /** Whether the latest socket got its welcome after the latest loss (or nothing was lost). */
    public boolean welcomedSinceLastLoss() {
        if (welcomeNanos.isEmpty()) {
            return false;
        }
        long welcomed = welcomeNanos.get(welcomeNanos.size() - 1);
        return lossNanos.isEmpty() || welcomed > lossNanos.get(lossNanos.size() - 1);
    }

    /** The status of a final upgrade refusal that stopped the reconnecting, or -1. */
    public int refusedWith() {
        return refusedWith;
    }

    /** Waits until this client has received its {@code n}-th welcome (1 = the first) and returns it. */
    public JsonNode awaitWelcome(int n, Duration timeout) {
        try {
            return org.awaitility.Awaitility.await("welcome #" + n)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> all("welcome"), w -> w.size() >= n)
                    .get(n - 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no welcome #" + n + " within " + timeout + "; losses " + losses + ", refused "
                    + refusedWith + ", got " + types());
        }
    }

    /** The handshake status when the server refused the upgrade, or -1 when it accepted. */
    public static int refusalStatus(URI base, long sessionId, String token, String origin) {
        java.net.http.HttpResponse<?> refused = refusal(base, sessionId, token, origin);
        return refused == null ? -1 : refused.statusCode();
    }

    /** The server's answer when it refused the upgrade (status, headers), or null when it accepted. */
    public static java.net.http.HttpResponse<?> refusal(URI base, long sessionId, String token, String origin) {
        try {
            connect(base, sessionId, token, origin).close();
            return null;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse();
            }
            throw e;
        }
    }

    /** Opens the socket; listeners added before see the welcome. */
    public void open(URI base, long sessionId, String token, String origin) {
        CompletableFuture<Integer> nextClosed = new CompletableFuture<>();
        closed = nextClosed;
        socket = builder(origin)
                .buildAsync(wsUri(base, sessionId, token), new Listener(nextClosed))
                .join();
    }

    private static URI wsUri(URI base, long sessionId, String token) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/rooms/" + sessionId
                + (token == null ? "" : "?token=" + token));
    }

    private static WebSocket.Builder builder(String origin) {
        // Generous: the opening handshake shares two cores with the whole suite; a refusal still comes at once.
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closedHere;

        Listener(CompletableFuture<Integer> closedHere) {
            this.closedHere = closedHere;
        }

        /**
         * Sends go to this socket from its first message on: a listener may answer the welcome (an
         * sfu client its media-reset) before buildAsync's callback has run, and sent to the previous,
         * dead socket then.
         */
        @Override
        public void onOpen(WebSocket ws) {
            socket = ws;
            ws.request(1);
        }

        /** Reports this socket's end once, whether by close, error or {@link #cut}. */
        void end(int code) {
            if (closedHere.complete(code)) {
                lost(code);
            }
        }

        @Override
        public CompletableFuture<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if ("welcome".equals(message.path("type").asText())) {
                        attempt = 0;
                        welcomeNanos.add(System.nanoTime());
                    }
                    received.add(message);
                    listeners.forEach(l -> l.accept(message));
                } catch (Exception e) {
                    throw new IllegalStateException("server sent non-JSON: " + text, e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletableFuture<?> onClose(WebSocket ws, int statusCode, String reason) {
            end(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end(1006);
        }
    }

    /** Waits for the welcome and returns this client. */
    public SignalingClient awaitWelcome() {
        await("welcome");
        return this;
    }

    public void onMessage(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** Sends one message: {@code "type"} plus field/value pairs. */
    public void send(String type, Object... fields) {
        ObjectNode m = JSON.createObjectNode().put("v", 1).put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            m.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        sendRaw(m.toString());
    }

    /** Sends one binary frame (the protocol has none: the server must close with 1003). */
    public synchronized void sendBinary(java.nio.ByteBuffer data) {
        socket.sendBinary(data, true).join();
    }

    /** Sends text as it is (for malformed-input tests and the benchmark). */
    public synchronized void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits for the first message (received at any time) of this type that matches. */
    public JsonNode await(String type, Predicate<JsonNode> match, Duration timeout) {
        try {
            return org.awaitility.Awaitility.await(type)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(10))
                    .until(
                            () -> received.stream()
                                    .filter(m -> type.equals(m.path("type").asText()) && match.test(m))
                                    .findFirst()
                                    .orElse(null),
                            java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "no '" + type + "' message within " + timeout + "; got " + types() + " errors " + all("error"));
        }
    }

    public JsonNode await(String type) {
        return await(type, m -> true, Duration.ofSeconds(10));
    }

    /** The latest message of a type, after waiting for at least one. */
    public JsonNode latest(String type) {
        await(type);
        JsonNode last = null;
        for (JsonNode m : received) {
            if (type.equals(m.path("type").asText())) {
                last = m;
            }
        }
        return last;
    }

    /** Messages of this type received so far. */
    public List<JsonNode> all(String type) {
        List<JsonNode> out = new ArrayList<>();
        received.forEach(m -> {
            if (type.equals(m.path("type").asText())) {
                out.add(m);
            }
        });
        return out;
    }

    public void forget() {
        received.clear();
    }

    public List<String> types() {
        return received.stream().map(m -> m.path("type").asText()).toList();
    }

    /** The close code the server sent, waiting up to the timeout. */
    public int awaitClosed(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket still open after " + timeout);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Cuts the connection without a goodbye, like a network drop. */
    public void cut() {
        CompletableFuture<Integer> current = closed;
        socket.abort();
        if (current.complete(1006)) {
            lost(1006);
        }
    }

    @Override
    public void close() {
        stopped = true;
        WebSocket ws = socket;
        if (ws != null && !closed.isDone() && !ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            } catch (CompletionException raced) {
                // the server closed first
            }
        }
    }
}
