package org.liandong.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code sfu} media of one review session: one Janus VideoRoom, and per participant one
 * publisher handle (the browser's sending PeerConnection, virtual peer {@value #PUBLISH}) and one
 * subscriber handle (its receiving PeerConnection with every other participant's feed, virtual
 * peer {@value #SUBSCRIBE}).
 * <p>
 * Signaling stays the room protocol: clients send {@code offer}/{@code candidate} to
 * {@value #PUBLISH}, receive {@code offer}s from {@value #SUBSCRIBE} (whose data also carries
 * {@code streams: [{mid, peer}]} so a client knows whose video a track is, and {@code seq}, which
 * the answer echoes so that answers to superseded offers are dropped) and answer them; SDP is
 * relayed untouched. A {@code media-reset} from {@value #PUBLISH} tells a client that its
 * PeerConnections are gone (Janus host lost, room re-created elsewhere) and it must publish again.
 * <p>
 * The room's secret never leaves this class. All state changes run on one serial executor per
 * room; Janus answers hop back onto it.
 */
public final class SfuRoom implements AutoCloseable {
    public static final String PUBLISH = "sfu";
    public static final String SUBSCRIBE = "sfu-in";
    private static final Logger LOG = Logger.getLogger(SfuRoom.class);

    /** Where the room's messages for one participant go (the room socket). */
    @FunctionalInterface
    public interface Outbox {
        void send(String peer, String type, String from, JsonNode data);
    }

    private final long sessionId;
    private final JanusPool pool;
    private final JanusSettings settings;
    private final Path recordingDir;
    private final Outbox outbox;
    private final ExecutorService serial;
    private final String secret = randomSecret();
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    /** Every feed ever published here and its participant, to name recordings after people left. */
    private final Map<Long, String> feedPeers = new ConcurrentHashMap<>();
    private long nextFeed = 1;

    private JanusPool.Host host;
    private long janusRoom;
    private JanusVideoRoom manager;
    private boolean recording;
    private int generation;

    /** One participant's handles and subscription bookkeeping. */
    private final class Participant {
        final String peer;
        final long feed;
        JanusVideoRoom publisher;
        CompletableFuture<Void> publisherReady;
        boolean publishing;
        /** Mids of the published audio, from Janus' answer to the publish. */
        List<String> audioMids = List.of();
        /** Muted by the chair: kept so that a later (re)publish is moderated too. */
        boolean muted;
        JanusVideoRoom subscriber;
        final Set<Long> subscribed = new LinkedHashSet<>();
        boolean negotiating;
        /** Number of the latest offer sent from {@value #SUBSCRIBE}; answers echo it. */
        int offerSeq;
        boolean excused;

        Participant(String peer, long feed) {
            this.peer = peer;
            this.feed = feed;
        }
    }

    public SfuRoom(long sessionId, JanusPool pool, JanusSettings settings, Path recordingDir, Outbox outbox) {
        this.sessionId = sessionId;
        this.pool = pool;
        this.settings = settings;
        // One directory per live room, so a room opened again later never mixes in older dumps.
        this.recordingDir = recordingDir.resolve("session-" + sessionId).resolve("room-" + System.currentTimeMillis());
        this.outbox = outbox;
        this.serial = Executors.newSingleThreadExecutor(r -> new Thread(r, "sfu-room-" + sessionId));
    }

    /** Places the room on the least loaded Janus host and creates it there. */
    public CompletableFuture<Void> open() {
        return CompletableFuture.supplyAsync(this::createOnHost, serial).thenCompose(f -> f);
    }

    /** The Janus host the room lives on now. */
    public JanusPool.Host host() {
        return host;
    }

    /** A participant entered the room (not the lobby): joins it as a publisher in Janus. */
    public void join(String peer) {
        serial.execute(() -> {
            if (participants.containsKey(peer)) {
                return;
            }
            Participant p = new Participant(peer, nextFeed++);
            participants.put(peer, p);
            feedPeers.put(p.feed, peer);
            attachPublisher(p);
            sync(p);
        });
    }

    /** An offer, answer or candidate a participant addressed to {@value #PUBLISH} or {@value #SUBSCRIBE}. */
    public void relay(String peer, String kind, String to, JsonNode data) {
        serial.execute(() -> {
            Participant p = participants.get(peer);
            if (p == null) {
                return;
            }
            int gen = generation;
            switch (kind + "->" + to) {
                case "offer->" + PUBLISH -> p.publisherReady
                        .thenCompose(ignored -> p.publisher.publish(data, "f" + p.feed + "-g" + gen))
                        .whenCompleteAsync((published, e) -> {
                            if (e != null) {
                                fail(p, "publish", e);
                            } else if (gen == generation) {
                                p.audioMids = published.audioMids();
                                if (p.muted) {
                                    moderate(p); // a republish (or a new Janus room) starts unmuted
                                }
                                send(peer, "answer", PUBLISH, published.answer());
                            }
                        }, serial);
                case "candidate->" + PUBLISH -> p.publisherReady.thenCompose(ignored -> p.publisher.handle().trickle(candidate(data)));
                case "answer->" + SUBSCRIBE -> {
                    // An answer when no offer is out, or to an older offer (its seq), is stale: drop it.
                    boolean current = !data.has("seq") || data.path("seq").asInt() == p.offerSeq;
                    if (p.subscriber != null && p.negotiating && current) {
                        p.subscriber.start(data).whenCompleteAsync((ok, e) -> {
                            p.negotiating = false;
                            if (e != null) {
                                fail(p, "subscribe", e);
                            }
                            sync(p);
                        }, serial);
                    }
                }
                case "candidate->" + SUBSCRIBE -> {
                    if (p.subscriber != null) {
                        p.subscriber.handle().trickle(candidate(data));
                    }
                }
                default -> LOG.debugf("room %d: ignoring %s to %s", sessionId, kind, to);
            }
        });
    }

    /** Excused to the lobby: Janus stops sending this participant anything; its own feed is withheld. */
    public void excuse(String peer) {
        serial.execute(() -> {
            Participant p = participants.get(peer);
            if (p == null || p.excused) {
                return;
            }
            p.excused = true;
            if (p.subscriber != null) {
                p.subscriber.pause();
            }
        });
    }

    /** Admitted back: media to this participant resumes, with any feeds that appeared meanwhile. */
    public void admit(String peer) {
        serial.execute(() -> {
            Participant p = participants.get(peer);
            if (p == null || !p.excused) {
                return;
            }
            p.excused = false;
            if (p.subscriber != null && !p.negotiating) {
                p.subscriber.resume().whenCompleteAsync((ok, e) -> sync(p), serial);
            } else {
                sync(p);
            }
        });
    }

    /**
     * The chair muted the participant ({@code true}): Janus drops its audio for everyone; or the
     * participant turned the microphone on again ({@code false}): Janus forwards it again.
     */
    public void mute(String peer, boolean muted) {
        serial.execute(() -> {
            Participant p = participants.get(peer);
            if (p != null && p.muted != muted) {
                p.muted = muted;
                moderate(p);
            }
        });
    }

    private void moderate(Participant p) {
        p.audioMids.forEach(mid -> manager.moderate(janusRoom, secret, p.feed, mid, p.muted)
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        LOG.warnf("room %d: moderating %s failed: %s", sessionId, p.peer, e.getMessage());
                    }
                }));
    }

    /** Removed by the chair, or left: Janus kicks the publisher and drops both handles. */
    public void leave(String peer) {
        serial.execute(() -> {
            Participant p = participants.remove(peer);
            if (p == null) {
                return;
            }
            if (p.publishing) {
                manager.kick(janusRoom, secret, p.feed);
            }
            detach(p);
            // Janus renegotiates the others' subscriptions itself; forget the feed here too.
            participants.values().forEach(o -> o.subscribed.remove(p.feed));
        });
    }

    /** Starts or stops recording every publisher of the room; every participant is told ({@code recording}). */
    public CompletableFuture<Void> record(boolean on) {
        return CompletableFuture.supplyAsync(() -> {
            recording = on;
            participants.keySet().forEach(peer -> send(peer, "recording", PUBLISH,
                    JanusSession.JSON.createObjectNode().put("on", on)));
            return manager.enableRecording(janusRoom, secret, on);
        }, serial).thenCompose(f -> f);
    }

    /** A playable recording and the participant it shows. */
    public record Recorded(String peer, RecordingFile file) {
    }

    /** The room's raw dumps turned into playable files with digests (call after recording stopped). */
    public List<Recorded> recordings() throws IOException {
        List<Recorded> recorded = new ArrayList<>();
        for (RecordingFile file : recordingFiles()) {
            String name = file.file().getFileName().toString();
            long feed = name.matches("f\\d+-.*") ? Long.parseLong(name.substring(1, name.indexOf('-'))) : -1;
            recorded.add(new Recorded(feedPeers.getOrDefault(feed, "unknown"), file));
        }
        return recorded;
    }

    private List<RecordingFile> recordingFiles() throws IOException {
        List<RecordingFile> files = new ArrayList<>();
        if (!Files.isDirectory(recordingDir)) {
            return files;
        }
        try (Stream<Path> dumps = Files.list(recordingDir)) {
            for (Path mjr : dumps.filter(f -> f.toString().endsWith(".mjr")).sorted().toList()) {
                Path out = mjr.resolveSibling(mjr.getFileName().toString().replaceFirst("\\.mjr$", "")
                        + (mjr.toString().contains("-audio") ? ".opus" : ".webm"));
                files.add(Files.exists(out) ? new RecordingFile(out, RecordingFile.sha256(out), Files.size(out))
                        : RecordingFile.postProcess(mjr));
            }
        }
        return files;
    }

    /**
     * The Janus host died: re-creates the room on a reachable host and asks every participant to
     * publish again ({@code media-reset}). Who is in the room is the room's business and survives.
     */
    public CompletableFuture<Void> recover() {
        return CompletableFuture.supplyAsync(() -> {
            generation++;
            participants.values().forEach(p -> {
                p.publisher = null;
                p.subscriber = null;
                p.publishing = false;
                p.audioMids = List.of();
                p.negotiating = false;
                p.subscribed.clear();
            });
            if (host != null) {
                pool.release(host);
            }
            return createOnHost().thenRunAsync(() -> {
                if (recording) {
                    manager.enableRecording(janusRoom, secret, true);
                }
                participants.values().forEach(p -> {
                    attachPublisher(p);
                    send(p.peer, "media-reset", PUBLISH, null);
                });
            }, serial);
        }, serial).thenCompose(f -> f);
    }

    @Override
    public void close() {
        CompletableFuture.runAsync(() -> {
            participants.values().forEach(this::detach);
            participants.clear();
            if (manager != null && manager.handle().session().isAlive()) {
                manager.destroyRoom(janusRoom, secret).orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
                manager.handle().detach();
            }
            if (host != null) {
                pool.release(host);
            }
        }, serial).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        serial.shutdown();
    }

    // --- on the serial executor from here on

    private CompletableFuture<Void> createOnHost() {
        host = pool.place();
        janusRoom = ThreadLocalRandom.current().nextLong(1, 1L << 52);
        try {
            Files.createDirectories(recordingDir);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return host.session().attachVideoRoom().thenCompose(handle -> {
            manager = new JanusVideoRoom(handle);
            return manager.createRoom(janusRoom, secret, settings.adminKey(), 64, recordingDir.toString());
        });
    }

    private void attachPublisher(Participant p) {
        int gen = generation;
        p.publisherReady = host.session().attachVideoRoom().thenComposeAsync(handle -> {
            p.publisher = new JanusVideoRoom(handle);
            handle.onEvent(event -> serial.execute(() -> onPublisherEvent(p, gen, event)));
            return p.publisher.joinPublisher(janusRoom, p.feed, p.peer).thenApply(joined -> (Void) null);
        }, serial);
        p.publisherReady.whenCompleteAsync((ok, e) -> {
            if (e != null) {
                fail(p, "join", e);
            }
        }, serial);
    }

    private void onPublisherEvent(Participant p, int gen, JsonNode event) {
        if (gen != generation || participants.get(p.peer) != p) {
            return;
        }
        switch (event.path("janus").asText()) {
            case "trickle" -> send(p.peer, "candidate", PUBLISH, event.path("candidate"));
            case "webrtcup" -> {
                p.publishing = true;
                participants.values().forEach(this::sync);
            }
            case "hangup" -> p.publishing = false;
            default -> { }
        }
    }

    /** Brings {@code p}'s subscription in line with the feeds that are publishing now. */
    private void sync(Participant p) {
        if (p.negotiating || p.excused || participants.get(p.peer) != p) {
            return;
        }
        List<Long> missing = participants.values().stream()
                .filter(o -> o != p && o.publishing && !p.subscribed.contains(o.feed))
                .map(o -> o.feed).toList();
        if (missing.isEmpty()) {
            return;
        }
        p.negotiating = true;
        p.subscribed.addAll(missing);
        int gen = generation;
        CompletableFuture<JanusReply> offered;
        if (p.subscriber == null) {
            offered = host.session().attachVideoRoom().thenComposeAsync(handle -> {
                p.subscriber = new JanusVideoRoom(handle);
                handle.onEvent(event -> serial.execute(() -> onSubscriberEvent(p, gen, event)));
                ObjectNode body = JanusSession.JSON.createObjectNode().put("request", "join").put("ptype", "subscriber")
                        .put("room", janusRoom).put("use_msid", true);
                ArrayNode streams = body.putArray("streams");
                missing.forEach(feed -> streams.addObject().put("feed", feed));
                return handle.send(body, null);
            }, serial);
        } else {
            ObjectNode body = JanusSession.JSON.createObjectNode().put("request", "update");
            ArrayNode streams = body.putArray("subscribe");
            missing.forEach(feed -> streams.addObject().put("feed", feed));
            offered = p.subscriber.handle().send(body, null);
        }
        offered.whenCompleteAsync((reply, e) -> {
            if (gen != generation) {
                return;
            }
            if (e != null) {
                p.negotiating = false;
                p.subscribed.removeAll(missing);
                fail(p, "subscribe", e);
                // Janus refuses an update while it is busy with the handle: try again shortly.
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, serial).execute(() -> {
                    if (gen == generation) {
                        sync(p);
                    }
                });
                return;
            }
            offerToClient(p, reply);
        }, serial);
    }

    private void onSubscriberEvent(Participant p, int gen, JsonNode event) {
        if (gen != generation || participants.get(p.peer) != p) {
            return;
        }
        if ("trickle".equals(event.path("janus").asText())) {
            send(p.peer, "candidate", SUBSCRIBE, event.path("candidate"));
        } else if (event.has("jsep") && event.path("transaction").isMissingNode()) {
            // Janus renegotiated by itself (a publisher left): relay its new offer.
            p.negotiating = true;
            offerToClient(p, new JanusReply(event.path("plugindata").path("data"), event.get("jsep")));
        }
    }

    private void offerToClient(Participant p, JanusReply reply) {
        if (reply.jsep() == null) {
            p.negotiating = false;
            sync(p);
            return;
        }
        ObjectNode data = reply.jsep().deepCopy();
        data.put("seq", ++p.offerSeq);
        ArrayNode streams = data.putArray("streams");
        reply.data().path("streams").forEach(s -> {
            long feed = s.path("feed_id").asLong();
            participants.values().stream().filter(o -> o.feed == feed).findFirst()
                    .ifPresent(o -> streams.addObject().put("mid", s.path("mid").asText()).put("peer", o.peer));
        });
        send(p.peer, "offer", SUBSCRIBE, data);
    }

    /** The transport's failure must never break the room's own state. */
    private void send(String peer, String type, String from, JsonNode data) {
        try {
            outbox.send(peer, type, from, data);
        } catch (RuntimeException e) {
            LOG.warnf("room %d: sending %s to %s failed: %s", sessionId, type, peer, e.getMessage());
        }
    }

    private void detach(Participant p) {
        if (p.subscriber != null) {
            p.subscriber.handle().detach();
        }
        if (p.publisher != null) {
            p.publisher.handle().detach();
        }
    }

    private void fail(Participant p, String what, Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        LOG.warnf("room %d: %s for %s failed: %s", sessionId, what, p.peer, cause.getMessage());
        send(p.peer, "media-error", PUBLISH,
                JanusSession.JSON.createObjectNode().put("during", what).put("message", cause.getMessage()));
    }

    private static JsonNode candidate(JsonNode data) {
        return data == null || data.isNull() || data.path("completed").asBoolean() ? null : data;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
