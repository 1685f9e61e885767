package org.liandong.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Commands for a room that may live on another node, over Redis pub/sub channel
 * {@code <prefix>room-commands} (docs/cluster.md). REST actions that reach into a live room
 * (withdraw an invitation, conclude or cancel the session) run on whichever node took the request;
 * that node acts on its own rooms at once and publishes the command, and every other node acts on
 * the room if it holds it. Pub/sub is at most once: a command published while the owner is
 * unsubscribed (Redis down, owner restarting) is lost, and the owner learns the outcome from the
 * record instead (a withdrawn invitation or an ended session is refused at the next join; rooms past
 * their end close on their own). Every message carries a MAC ({@link RedisSeal}); one without a valid
 * MAC is dropped. No-op on a single node.
 *
 * <p>A request that needs an answer (recording on/off) is a command addressed to the owner node
 * ({@link #ask}); the owner answers on a per-request list {@code <prefix>room-reply:<id>}, sealed too.
 * Unlike the commands above it is not at most once in silence: no answer in time is the caller's 504.
 */
@ApplicationScoped
public class RoomCommands {

    private static final Logger LOG = Logger.getLogger(RoomCommands.class);

    /**
     * One command: {@code kind} is {@code withdraw} (with {@code personId}) or {@code end}; or a
     * request to the room's owner ({@code request} set, acted on only by node {@code target}, which
     * answers on {@code <prefix>room-reply:<request>}): {@code recording} with {@code on} and {@code actor}.
     * Every command carries a fresh {@code nonce} and the wall-clock time it was made ({@code sentAtMillis},
     * ms since the epoch), inside the MAC: a receiver drops one it has seen or one older than
     * {@link #REPLAY_WINDOW}, so a genuine command cannot be replayed (docs/cluster.md).
     */
    public record RoomCommand(
            String origin,
            long sessionId,
            String kind,
            Long personId,
            String request,
            String target,
            Boolean on,
            String actor,
            String nonce,
            long sentAtMillis) {

        public RoomCommand(String origin, long sessionId, String kind, Long personId) {
            this(origin, sessionId, kind, personId, null, null, null, null);
        }

        public RoomCommand(
                String origin,
                long sessionId,
                String kind,
                Long personId,
                String request,
                String target,
                Boolean on,
                String actor) {
            this(
                    origin,
                    sessionId,
                    kind,
                    personId,
                    request,
                    target,
                    on,
                    actor,
                    UUID.randomUUID().toString(),
                    System.currentTimeMillis());
        }
    }

    /**
     * How far a command's time may be from the receiver's (either way): covers delivery and the
     * nodes' clock difference (keep them on NTP); a command outside it is dropped as stale.
     */
    static final Duration REPLAY_WINDOW = Duration.ofSeconds(30);

    /** KEYS reply list; ARGV sealed answer, expiry ms: the answer waits there for the asking node's BLPOP. */
    private static final String REPLY = """
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** How long an answer nobody took stays in Redis. */
    private static final Duration REPLY_TTL = Duration.ofSeconds(30);

    private final ClusterRedis redis;
    private final NodeIdentity node;
    private final ObjectMapper json;
    private final RedisSeal seal;
    private volatile Consumer<RoomCommand> handler;
    private final Map<String, Function<RoomCommand, String>> answerers = new ConcurrentHashMap<>();
    private volatile boolean subscribed;
    /** Nonces received within twice the window (a nonce outside the window is refused by its time anyway). */
    private final Cache<String, Boolean> seen = Caffeine.newBuilder()
            .expireAfterWrite(REPLAY_WINDOW.multipliedBy(2))
            .maximumSize(200_000)
            .build();

    RoomCommands(ClusterRedis redis, NodeIdentity node, ObjectMapper json, RedisSeal seal) {
        this.redis = redis;
        this.node = node;
        this.json = json;
        this.seal = seal;
    }

    /** Publishes a command for the other nodes (the caller already acted on its own rooms). */
    public void publish(long sessionId, String kind, Long personId) {
        if (!redis.enabled()) {
            return;
        }
        try {
            String text = seal.seal(
                    channel(), json.writeValueAsString(new RoomCommand(node.id(), sessionId, kind, personId)));
            redis.call(api -> api.publish(channel(), text));
        } catch (ClusterRedis.Unavailable e) {
            LOG.warnf("room %d: %s not sent to the other nodes (redis down)", sessionId, kind);
        } catch (Exception e) {
            LOG.errorf(e, "room %d: publishing %s failed", sessionId, kind);
        }
    }

    /**
     * Asks node {@code target} (the room's owner) to act on its room and waits for its answer: the
     * request is published on the commands channel with a fresh request id, the owner pushes its
     * sealed answer onto list {@code <prefix>room-reply:<id>} (expires after 30 s) and this node takes
     * it with BLPOP on a connection of its own. Empty when no answer came within {@code timeout}.
     *
     * @throws ClusterRedis.Unavailable when Redis does not take the request
     */
    public Optional<String> ask(RoomCommand command, Duration timeout) {
        String request = UUID.randomUUID().toString();
        RoomCommand c = new RoomCommand(
                node.id(),
                command.sessionId(),
                command.kind(),
                command.personId(),
                request,
                command.target(),
                command.on(),
                command.actor());
        String text;
        try {
            text = seal.seal(channel(), json.writeValueAsString(c));
        } catch (Exception e) {
            throw new IllegalStateException("a room command is a plain record", e);
        }
        Response receivers = redis.call(api -> api.publish(channel(), text));
        if (receivers == null || receivers.toInteger() == 0) {
            return Optional.empty(); // nobody subscribed: no answer will come
        }
        String key = replyKey(request);
        RedisConnection conn;
        try {
            conn = redis.connect().await().atMost(ClusterRedis.TIMEOUT);
        } catch (RuntimeException e) {
            throw new ClusterRedis.Unavailable(e);
        }
        try {
            long seconds = Math.max(1, timeout.toSeconds());
            Response r = conn.send(Request.cmd(Command.BLPOP).arg(key).arg(seconds))
                    .await()
                    .atMost(timeout.plusSeconds(2));
            if (r == null || r.size() < 2) {
                return Optional.empty();
            }
            return seal.open("room reply", key, r.get(1).toString());
        } catch (io.smallrye.mutiny.TimeoutException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new ClusterRedis.Unavailable(e); // the connection failed while waiting
        } finally {
            conn.close().subscribe().with(x -> {}, x -> {});
        }
    }

    /**
     * Answers requests of {@code kind} addressed to this node: {@code answerer} runs on a worker
     * thread and returns the answer's JSON, which goes back sealed to the asking node.
     */
    public void answer(String kind, Function<RoomCommand, String> answerer) {
        answerers.put(kind, answerer);
    }

    /** Starts receiving the other nodes' commands (each handled on a worker thread). */
    public void listen(Consumer<RoomCommand> handler) {
        this.handler = handler;
        if (redis.enabled()) {
            subscribe();
        }
    }

    /** Whether this node's subscription is live (readiness data, tests). */
    public boolean subscribed() {
        return subscribed;
    }

    /** Re-subscribes after Redis came back or the connection dropped. */
    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepSubscribed() {
        if (redis.enabled() && handler != null && !subscribed) {
            subscribe();
        }
    }

    String channel() {
        return redis.key("room-commands");
    }

    String replyKey(String request) {
        return redis.key("room-reply", request);
    }

    private void reply(RoomCommand c, Function<RoomCommand, String> answerer) {
        String answer;
        try {
            answer = answerer.apply(c);
        } catch (RuntimeException e) {
            LOG.errorf(e, "room %d: answering %s failed", c.sessionId(), c.kind());
            return; // the asking node times out with a clear answer of its own
        }
        String key = replyKey(c.request());
        try {
            redis.eval(REPLY, List.of(key), List.of(seal.seal(key, answer), Long.toString(REPLY_TTL.toMillis())));
        } catch (ClusterRedis.Unavailable e) {
            LOG.warnf("room %d: the answer to %s was not sent back (redis down)", c.sessionId(), c.kind());
        }
    }

    private void subscribe() {
        redis.connect()
                .subscribe()
                .with(
                        conn -> {
                            conn.handler(this::received);
                            conn.exceptionHandler(e -> subscribed = false);
                            conn.endHandler(() -> subscribed = false);
                            conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel()))
                                    .subscribe()
                                    .with(ok -> subscribed = true, e -> {
                                        subscribed = false;
                                        conn.close().subscribe().with(x -> {}, x -> {});
                                    });
                        },
                        e -> subscribed = false);
    }

    private void received(Response message) {
        try {
            if (message.size() < 3 || !"message".equals(message.get(0).toString())) {
                return;
            }
            Optional<String> text =
                    seal.open("room command", channel(), message.get(2).toString());
            if (text.isEmpty()) {
                return;
            }
            RoomCommand c = json.readValue(text.get(), RoomCommand.class);
            long age = System.currentTimeMillis() - c.sentAtMillis();
            if (c.nonce() == null
                    || Math.abs(age) > REPLAY_WINDOW.toMillis()
                    || seen.asMap().putIfAbsent(c.nonce(), Boolean.TRUE) != null) {
                LOG.warnf(
                        "room %d: a %s command from %s was replayed or is stale (made %d ms ago); dropped",
                        c.sessionId(), c.kind(), c.origin(), age);
                return;
            }
            if (c.request() != null) {
                Function<RoomCommand, String> answerer = answerers.get(c.kind());
                if (answerer != null && node.id().equals(c.target())) {
                    Infrastructure.getDefaultWorkerPool().execute(() -> reply(c, answerer));
                }
                return;
            }
            Consumer<RoomCommand> h = handler;
            if (h != null && !node.id().equals(c.origin())) {
                Infrastructure.getDefaultWorkerPool().execute(() -> h.accept(c));
            }
        } catch (Exception e) {
            LOG.warnf("a room command did not read: %s", e.toString());
        }
    }
}
