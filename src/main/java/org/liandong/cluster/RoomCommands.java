package org.liandong.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Consumer;
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
 */
@ApplicationScoped
public class RoomCommands {

    private static final Logger LOG = Logger.getLogger(RoomCommands.class);

    /** One command: {@code kind} is {@code withdraw} (with {@code personId}) or {@code end}. */
    public record RoomCommand(String origin, long sessionId, String kind, Long personId) {}

    private final ClusterRedis redis;
    private final NodeIdentity node;
    private final ObjectMapper json;
    private final RedisSeal seal;
    private volatile Consumer<RoomCommand> handler;
    private volatile boolean subscribed;

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
            Consumer<RoomCommand> h = handler;
            if (h != null && !node.id().equals(c.origin())) {
                Infrastructure.getDefaultWorkerPool().execute(() -> h.accept(c));
            }
        } catch (Exception e) {
            LOG.warnf("a room command did not read: %s", e.toString());
        }
    }
}
