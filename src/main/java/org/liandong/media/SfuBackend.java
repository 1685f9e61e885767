package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;
import org.liandong.room.media.MediaBackend;
import org.liandong.room.protocol.Message;

/**
 * The {@code sfu} media backend: one {@link SfuRoom} (Janus VideoRoom) per live room, on the
 * least loaded configured Janus host. It carries out the room's media effects (publish, pause,
 * resume, kick, mute, unmute) and relays the signaling
 * clients address to {@value SfuRoom#PUBLISH} and {@value SfuRoom#SUBSCRIBE}. A lost Janus host
 * moves its rooms to another host; the room itself (attendance, opinions) is untouched.
 */
public class SfuBackend implements MediaBackend, AutoCloseable {
    public static final String MODE = "sfu";
    private static final Logger LOG = Logger.getLogger(SfuBackend.class);

    private final MediaConfig config;
    private final JanusSettings settings;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "janus-keepalive"));
    private final JanusPool pool;
    private final Map<Long, SfuRoom> rooms = new ConcurrentHashMap<>();
    /** Display names of each room's publishers, for naming recordings. */
    private final Map<Long, Map<String, String>> names = new ConcurrentHashMap<>();

    /** Derives a Janus room's secret from its name on every node of a cluster; null on one node (random secrets). */
    private final java.util.function.UnaryOperator<String> secrets;

    public SfuBackend(MediaConfig config) {
        this(config, null);
    }

    public SfuBackend(MediaConfig config, java.util.function.UnaryOperator<String> secrets) {
        this.config = config;
        this.secrets = secrets;
        MediaConfig.Janus janus = config.janus();
        this.settings = JanusSettings.of(janus);
        this.pool = new JanusPool(janus.hosts(), settings, timer, janus.retryDeadHostAfter(), this::hostLost);
    }

    @Override
    public String mode() {
        return MODE;
    }

    /** The room's SFU side, if the room is live on this node. */
    public SfuRoom room(long sessionId) {
        return rooms.get(sessionId);
    }

    @Override
    public void opened(long sessionId, Participants participants) {
        SfuRoom room = new SfuRoom(
                sessionId,
                pool,
                settings,
                config.recordingDir(),
                secrets,
                (peer, type, from, data) -> participants.send(
                        peer, new Message.Relay(type, from, data == null ? "null" : data.toString())));
        rooms.put(sessionId, room);
        room.open().whenComplete((ok, e) -> {
            if (e != null) {
                LOG.errorf("room %d: no Janus room (%s); participants get media errors", sessionId, e.getMessage());
            }
        });
    }

    @Override
    public boolean addresses(String to) {
        return SfuRoom.PUBLISH.equals(to) || SfuRoom.SUBSCRIBE.equals(to);
    }

    @Override
    public void relay(long sessionId, String peer, String kind, String to, JsonNode data) {
        SfuRoom room = rooms.get(sessionId);
        if (room != null) {
            room.relay(peer, kind, to, data);
        }
    }

    @Override
    public void publish(long sessionId, String peer, String name) {
        names.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>()).put(peer, name);
        inRoom(sessionId, room -> room.join(peer));
    }

    @Override
    public void republish(long sessionId, String peer, String name, boolean muted) {
        names.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>()).put(peer, name);
        inRoom(sessionId, room -> room.rejoin(peer, muted));
    }

    @Override
    public String handOver(long sessionId) {
        SfuRoom room = rooms.get(sessionId);
        return room == null ? null : room.handOver();
    }

    @Override
    public void takenOver(long sessionId, String note) {
        if (note != null) {
            inRoom(sessionId, room -> room.destroyPrevious(note));
        }
    }

    @Override
    public void pauseSubscription(long sessionId, String peer) {
        inRoom(sessionId, room -> room.excuse(peer));
    }

    @Override
    public void resumeSubscription(long sessionId, String peer) {
        inRoom(sessionId, room -> room.admit(peer));
    }

    @Override
    public void kick(long sessionId, String peer) {
        inRoom(sessionId, room -> room.leave(peer));
    }

    @Override
    public void mute(long sessionId, String peer) {
        inRoom(sessionId, room -> room.mute(peer, true));
    }

    @Override
    public void unmute(long sessionId, String peer) {
        inRoom(sessionId, room -> room.mute(peer, false));
    }

    private void inRoom(long sessionId, java.util.function.Consumer<SfuRoom> action) {
        SfuRoom room = rooms.get(sessionId);
        if (room != null) {
            action.accept(room);
        }
    }

    /** The participant's display name with its room peer id, e.g. {@code 自然资源局 张三 (p2)}. */
    public String displayName(long sessionId, String peer) {
        String name = names.getOrDefault(sessionId, Map.of()).get(peer);
        return name == null ? peer : name + " (" + peer + ")";
    }

    @Override
    public void closed(long sessionId) {
        names.remove(sessionId);
        SfuRoom room = rooms.remove(sessionId);
        if (room != null) {
            room.close(); // in the background: the room's lock may be held here
        }
    }

    private void hostLost(JanusPool.Host host) {
        rooms.values().stream().filter(room -> room.host() == host).forEach(this::recover);
    }

    /** Re-creates a room's Janus side, retrying every two seconds until some Janus answers. */
    private void recover(SfuRoom room) {
        room.recover().whenComplete((ok, e) -> {
            if (e == null) {
                LOG.infof("Janus room re-created on %s", room.host().uri());
            } else if (rooms.containsValue(room)) {
                LOG.warnf("no Janus for a room yet (%s); retrying", e.getMessage());
                timer.schedule(() -> recover(room), 2, java.util.concurrent.TimeUnit.SECONDS);
            }
        });
    }

    /** At shutdown: waits (five seconds at most) for every room to be destroyed in Janus. */
    @Override
    public void close() {
        CompletableFuture.allOf(rooms.values().stream().map(SfuRoom::close).toArray(CompletableFuture[]::new))
                .join();
        rooms.clear();
        pool.close();
        timer.shutdownNow();
    }
}
