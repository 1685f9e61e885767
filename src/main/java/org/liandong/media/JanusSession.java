package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One Janus session on one Janus host, over Janus' WebSocket API (subprotocol
 * {@code janus-protocol}).
 * <p>
 * Lifecycle: {@link #open} connects and creates the session; a keepalive goes out every
 * {@link JanusSettings#keepalive()}. When the connection drops, the session reconnects and
 * {@code claim}s the same Janus session (rooms, handles and media survive that); when that does
 * not succeed within {@link JanusSettings#reconnectWindow()}, or Janus says the session is gone,
 * the session is <em>lost</em>: {@link Listener#onLost} fires once and every later request fails.
 * The owner then re-creates its rooms on another host.
 * <p>
 * Requests are matched to answers by transaction. VideoRoom requests such as {@code join} are
 * asynchronous in Janus (an {@code ack}, later an {@code event} with the same transaction); the
 * returned future completes with that event. Events Janus pushes on its own go to the handle's
 * listener.
 */
public final class JanusSession implements AutoCloseable {

    /** Callbacks for a session's owner. Called on the WebSocket's thread: do not block. */
    public interface Listener {
        /** The session is gone for good (host dead or session expired); rooms on it must be re-created. */
        void onLost(JanusSession session, Throwable cause);
    }

    private static final Logger LOG = Logger.getLogger(JanusSession.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final JanusSettings settings;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Consumer<JsonNode>> handleListeners = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();

    private volatile WebSocket socket;
    private volatile long id;
    private volatile boolean closed;
    private volatile boolean lost;
    private volatile boolean reconnecting;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> keepalive;

    private record Pending(CompletableFuture<JsonNode> answer, boolean waitsForEvent) {}

    private JanusSession(URI uri, JanusSettings settings, ScheduledExecutorService timer, Listener listener) {
        this.uri = uri;
        this.settings = settings;
        this.timer = timer;
        this.listener = listener;
    }

    /** Connects to {@code uri}, creates a Janus session and starts keepalives. */
    public static CompletableFuture<JanusSession> open(
            URI uri, JanusSettings settings, ScheduledExecutorService timer, Listener listener) {
        JanusSession session = new JanusSession(uri, settings, timer, listener);
        return session.connect()
                .thenCompose(ignored -> session.request(session.envelope("create"), false))
                .thenApply(created -> {
                    session.id = created.path("data").path("id").asLong();
                    session.keepalive = timer.scheduleAtFixedRate(
                            session::sendKeepalive,
                            settings.keepalive().toMillis(),
                            settings.keepalive().toMillis(),
                            TimeUnit.MILLISECONDS);
                    return session;
                });
    }

    public URI uri() {
        return uri;
    }

    public long id() {
        return id;
    }

    /** False once the session is lost or closed. */
    public boolean isAlive() {
        return !lost && !closed;
    }

    /** Attaches a new handle to the VideoRoom plugin. */
    public CompletableFuture<JanusHandle> attachVideoRoom() {
        ObjectNode attach = envelope("attach").put("plugin", "janus.plugin.videoroom");
        return request(attach, false)
                .thenApply(answer ->
                        new JanusHandle(this, answer.path("data").path("id").asLong()));
    }

    /** Sends a request for this session; see the class comment for when the future completes. */
    CompletableFuture<JsonNode> request(ObjectNode message, boolean waitsForEvent) {
        if (lost || closed) {
            return CompletableFuture.failedFuture(new JanusException(0, "Janus session on " + uri + " is gone"));
        }
        String transaction = UUID.randomUUID().toString();
        message.put("transaction", transaction);
        if (id != 0) {
            message.put("session_id", id);
        }
        if (settings.apiSecret() != null && !settings.apiSecret().isBlank()) {
            message.put("apisecret", settings.apiSecret());
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<JsonNode>()
                .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        pending.put(transaction, new Pending(answer, waitsForEvent));
        answer.whenComplete((r, e) -> pending.remove(transaction));
        send(message.toString()).exceptionally(e -> {
            answer.completeExceptionally(e);
            return null;
        });
        return answer;
    }

    ObjectNode envelope(String janus) {
        return JSON.createObjectNode().put("janus", janus);
    }

    void onHandleEvent(long handleId, Consumer<JsonNode> consumer) {
        handleListeners.put(handleId, consumer);
    }

    void forgetHandle(long handleId) {
        handleListeners.remove(handleId);
    }

    /** Destroys the Janus session (its handles leave their rooms) and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!lost) {
                request(envelope("destroy"), false).get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debugf("destroying Janus session %d: %s", id, e.getMessage());
        }
        closed = true;
        stop();
    }

    private void stop() {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        pending.values().forEach(p -> p.answer().completeExceptionally(new JanusException(0, "Janus session ended")));
    }

    private CompletableFuture<Void> connect() {
        return http.newWebSocketBuilder()
                .subprotocols("janus-protocol")
                .connectTimeout(Duration.ofSeconds(3))
                .buildAsync(uri, new Receiver())
                .thenAccept(ws -> socket = ws);
    }

    private CompletableFuture<?> send(String text) {
        synchronized (sendLock) {
            // java.net.http allows one outstanding send at a time.
            sendChain = sendChain.handle((r, e) -> null).thenCompose(ignored -> {
                WebSocket ws = socket;
                return ws == null
                        ? CompletableFuture.failedFuture(new JanusException(0, "not connected"))
                        : ws.sendText(text, true);
            });
            return sendChain;
        }
    }

    private void sendKeepalive() {
        if (reconnecting || lost || closed) {
            return;
        }
        request(envelope("keepalive"), false).whenComplete((r, e) -> {
            if (e != null && !closed) {
                LOG.warnf("keepalive to Janus %s failed (%s); reconnecting", uri, e.getMessage());
                WebSocket ws = socket;
                if (ws != null) {
                    ws.abort(); // an aborted socket reports nothing to its listener
                }
                dropped(e);
            }
        });
    }

    private void dropped(Throwable cause) {
        if (closed || lost || reconnecting) {
            return;
        }
        reconnecting = true;
        socket = null;
        pending.values()
                .forEach(p -> p.answer().completeExceptionally(new JanusException(0, "connection to Janus lost")));
        LOG.warnf(
                "connection to Janus %s dropped (%s); reconnecting",
                uri, cause == null ? "closed" : cause.getMessage());
        long deadline = System.nanoTime() + settings.reconnectWindow().toNanos();
        tryReconnect(deadline, cause);
    }

    private void tryReconnect(long deadline, Throwable lastCause) {
        if (closed) {
            return;
        }
        if (System.nanoTime() > deadline) {
            markLost(lastCause == null ? new JanusException(0, "Janus " + uri + " unreachable") : lastCause);
            return;
        }
        connect()
                .thenCompose(ignored -> {
                    reconnecting = false;
                    return request(envelope("claim"), false);
                })
                .whenComplete((claimed, e) -> {
                    if (e == null) {
                        LOG.infof("re-claimed Janus session %d on %s", id, uri);
                        return;
                    }
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof JanusException je && je.code() == 458) { // session not found: Janus restarted
                        markLost(cause);
                        return;
                    }
                    reconnecting = true;
                    timer.schedule(() -> tryReconnect(deadline, cause), 500, TimeUnit.MILLISECONDS);
                });
    }

    private void markLost(Throwable cause) {
        if (lost || closed) {
            return;
        }
        lost = true;
        reconnecting = false;
        stop();
        LOG.errorf("Janus session %d on %s lost: %s", id, uri, cause.getMessage());
        listener.onLost(this, cause);
    }

    private void dispatch(JsonNode message) {
        String kind = message.path("janus").asText();
        Pending waiting = pending.get(message.path("transaction").asText(""));
        if (waiting != null) {
            switch (kind) {
                case "ack" -> {
                    if (!waiting.waitsForEvent()) {
                        waiting.answer().complete(message);
                    }
                }
                case "error" ->
                    waiting.answer()
                            .completeExceptionally(new JanusException(
                                    message.path("error").path("code").asInt(),
                                    message.path("error").path("reason").asText()));
                default -> waiting.answer().complete(message);
            }
            return;
        }
        if ("timeout".equals(kind)) {
            markLost(new JanusException(458, "Janus session timed out"));
            return;
        }
        long sender = message.path("sender").asLong();
        Consumer<JsonNode> consumer = handleListeners.get(sender);
        if (consumer != null) {
            consumer.accept(message);
        }
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    dispatch(JSON.readTree(text));
                } catch (Exception e) {
                    LOG.warnf(e, "unreadable message from Janus %s", uri);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (ws == socket) {
                dropped(null);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (ws == socket) {
                dropped(error);
            }
        }
    }
}
