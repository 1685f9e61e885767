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
 * send JSON, keep every message received, wait for one. Media lives in {@link MeshClient}.
 */
public class SignalingClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

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
        String ws = base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/rooms/" + sessionId
                + (token == null ? "" : "?token=" + token);
        // Generous: the opening handshake shares two cores with the whole suite; a refusal still comes at once.
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (origin != null) {
            b.header("Origin", origin);
        }
        socket = b.buildAsync(URI.create(ws), new Listener()).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletableFuture<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
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
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
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
        socket.abort();
        closed.complete(1006);
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            } catch (CompletionException raced) {
                // the server closed first
            }
        }
    }
}
