package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

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
 * Placement and recovery live here; who receives which feed is {@link SfuSubscriptions}, the
 * Janus JSON is {@link JanusVideoRoom}, the files are {@link SfuRecordings}. The room's secret
 * never leaves this class. All state changes run on one serial executor per room; Janus answers
 * hop back onto it; no public method blocks.
 */
public final class SfuRoom {
    public static final String PUBLISH = "sfu";
    public static final String SUBSCRIBE = "sfu-in";
    private static final Logger LOG = Logger.getLogger(SfuRoom.class);

    /** Where the media server's signaling for one participant goes (the room socket). */
    @FunctionalInterface
    public interface Signals {
        void send(String peer, String type, String from, JsonNode data);
    }

    private final long sessionId;
    private final JanusPool pool;
    private final JanusSettings settings;
    private final SfuRecordings recordings;
    private final Signals signals;
    private final ExecutorService serial;
    /** Null on one node; on several, derives each Janus room's secret from its name (cluster secret). */
    private final UnaryOperator<String> secrets;

    private String secret = randomSecret();
    private final SfuSubscriptions subscriptions = new SfuSubscriptions();
    private final Map<String, Handles> handles = new LinkedHashMap<>();

    private JanusPool.Host host;
    private long janusRoom;
    /** {@code "<host uri> <janus room>"} of the room now, for {@link #handOver} (read off the executor). */
    private volatile String where;

    private JanusVideoRoom manager;
    private boolean recording;
    /** Counts Janus rooms: answers and events from an older one are dropped. */
    private int generation;

    /** One participant's Janus handles and what Janus told about its publication. */
    private static final class Handles {
        JanusVideoRoom publisher;
        CompletableFuture<Void> publisherReady;
        /** Mids of the published audio, from Janus' answer to the publish. */
        List<String> audioMids = List.of();
        /** Muted by the chair: kept so that a later (re)publish is moderated too. */
        boolean muted;

        JanusVideoRoom subscriber;
    }

    public SfuRoom(long sessionId, JanusPool pool, JanusSettings settings, Path recordingDir, Signals signals) {
        this(sessionId, pool, settings, recordingDir, null, signals);
    }

    /**
     * With {@code secrets} (several nodes): each Janus room's secret is derived from its name, so
     * that the node taking the room over can destroy this one's Janus room ({@link #destroyPrevious}).
     */
    public SfuRoom(
            long sessionId,
            JanusPool pool,
            JanusSettings settings,
            Path recordingDir,
            UnaryOperator<String> secrets,
            Signals signals) {
        this.secrets = secrets;
        this.sessionId = sessionId;
        this.pool = pool;
        this.settings = settings;
        this.recordings = new SfuRecordings(recordingDir, sessionId);
        this.signals = signals;
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
        later(() -> subscriptions.add(peer).ifPresent(feed -> {
            Handles h = new Handles();
            handles.put(peer, h);
            attachPublisher(peer, h);
            if (recording) {
                send(peer, "recording", PUBLISH, recordingNotice(true));
            }
            sync(peer);
        }));
    }

    /**
     * A participant came back into a room this node took over from another node's snapshot: joins
     * Janus afresh (muted again if the chair had muted it) and tells the client to start over
     * ({@code media-reset}), as {@link #recover} does after a Janus host died: its PeerConnections
     * went to the previous owner's Janus room.
     */
    public void rejoin(String peer, boolean muted) {
        later(() -> subscriptions.add(peer).ifPresent(feed -> {
            Handles h = new Handles();
            h.muted = muted;
            handles.put(peer, h);
            attachPublisher(peer, h);
            send(peer, "media-reset", PUBLISH, null);
            if (recording) {
                send(peer, "recording", PUBLISH, recordingNotice(true));
            }
            sync(peer);
        }));
    }

    /**
     * Where this room lives in Janus ({@code "<host uri> <janus room>"}), for the node that takes the
     * room over should this one die; no secret (it is derived). Null before the room is placed.
     */
    public String handOver() {
        return secrets == null ? null : where;
    }

    /**
     * After a takeover: destroys the previous owner's Janus room named by its {@link #handOver} note
     * (its participants' PeerConnections end there at once), if its host is one of ours and alive.
     * Without this the dead node's room would stay in Janus until Janus restarts (its session and
     * handles go after Janus' session_timeout, the room does not). Best effort, logged; runs off the
     * room's executor (it may have to connect to another host) and touches none of the room's state.
     */
    public CompletableFuture<Void> destroyPrevious(String note) {
        return CompletableFuture.runAsync(() -> {
            String[] parts = note.split(" ");
            if (secrets == null || parts.length != 2 || note.equals(where)) {
                return;
            }
            long previous;
            try {
                previous = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                return;
            }
            pool.hosts().stream()
                    .filter(h -> h.uri().toString().equals(parts[0]))
                    .findFirst()
                    .flatMap(pool::connect)
                    .ifPresentOrElse(
                            session -> session.attachVideoRoom()
                                    .thenCompose(handle -> {
                                        JanusVideoRoom m = new JanusVideoRoom(handle);
                                        return m.destroyRoom(previous, secretOf(previous))
                                                .whenComplete((ok, e) -> m.detach());
                                    })
                                    .orTimeout(5, TimeUnit.SECONDS)
                                    .handle((ok, e) -> {
                                        if (e == null) {
                                            LOG.infof(
                                                    "room %d: the previous owner's Janus room %d on %s destroyed",
                                                    sessionId, previous, parts[0]);
                                        } else {
                                            LOG.infof(
                                                    "room %d: the previous owner's Janus room %d on %s not destroyed"
                                                            + " (%s); gone already, or Janus restarted",
                                                    sessionId, previous, parts[0], e.getMessage());
                                        }
                                        return null;
                                    })
                                    .join(),
                            () -> LOG.warnf(
                                    "room %d: the previous owner's Janus host %s does not answer (or is not"
                                            + " configured here); its room %d is left there",
                                    sessionId, parts[0], previous));
        });
    }

    /** An offer, answer or candidate a participant addressed to {@value #PUBLISH} or {@value #SUBSCRIBE}. */
    public void relay(String peer, String kind, String to, JsonNode data) {
        later(() -> {
            Handles h = handles.get(peer);
            if (h == null) {
                return;
            }
            switch (kind + "->" + to) {
                case "offer->" + PUBLISH -> publish(peer, h, data);
                case "candidate->" + PUBLISH -> h.publisherReady.thenCompose(ignored -> h.publisher.trickle(data));
                case "answer->" + SUBSCRIBE -> {
                    Integer seq = data.has("seq") ? data.path("seq").asInt() : null;
                    if (h.subscriber != null && subscriptions.answersCurrentOffer(peer, seq)) {
                        h.subscriber
                                .start(data)
                                .whenCompleteAsync(
                                        (ok, e) -> {
                                            subscriptions.negotiated(peer);
                                            if (e != null) {
                                                fail(peer, "subscribe", e);
                                            } else if (subscriptions.isExcused(peer)) {
                                                h.subscriber
                                                        .pause(); // excused while negotiating: Janus' start resumed the
                                                // media
                                            }
                                            sync(peer);
                                        },
                                        serial);
                    } // else an answer when no offer is out, or to an older offer: stale, dropped
                }
                case "candidate->" + SUBSCRIBE -> {
                    if (h.subscriber != null) {
                        h.subscriber.trickle(data);
                    }
                }
                default -> LOG.debugf("room %d: ignoring %s to %s", sessionId, kind, to);
            }
        });
    }

    /** Excused to the lobby: Janus stops sending this participant anything. */
    public void excuse(String peer) {
        later(() -> {
            Handles h = handles.get(peer);
            if (subscriptions.excuse(peer) && h.subscriber != null) {
                h.subscriber.pause();
            }
        });
    }

    /** Admitted back: media to this participant resumes, with any feeds that appeared meanwhile. */
    public void admit(String peer) {
        later(() -> {
            if (!subscriptions.admit(peer)) {
                return;
            }
            Handles h = handles.get(peer);
            if (h.subscriber != null && !subscriptions.isNegotiating(peer)) {
                h.subscriber.resume().whenCompleteAsync((ok, e) -> sync(peer), serial);
            } else {
                sync(peer);
            }
        });
    }

    /**
     * The chair muted the participant ({@code true}): Janus drops its audio for everyone; or the
     * participant turned the microphone on again ({@code false}): Janus forwards it again.
     */
    public void mute(String peer, boolean muted) {
        later(() -> {
            Handles h = handles.get(peer);
            if (h != null && h.muted != muted) {
                h.muted = muted;
                moderate(peer, h);
            }
        });
    }

    /** Removed by the chair, or left: Janus kicks the publisher and drops both handles. */
    public void leave(String peer) {
        later(() -> {
            boolean publishing = subscriptions.isPublishing(peer);
            subscriptions.remove(peer).ifPresent(feed -> {
                if (publishing) {
                    manager.kick(janusRoom, secret, feed);
                }
                detach(handles.remove(peer));
            });
        });
    }

    /**
     * Starts or stops recording every publisher of the room. Every participant is told
     * ({@code recording}) once Janus confirmed the switch, never before: the badge shows what is
     * really happening.
     */
    public CompletableFuture<Void> record(boolean on) {
        return CompletableFuture.supplyAsync(() -> manager.enableRecording(janusRoom, secret, on), serial)
                .thenCompose(f -> f)
                .thenRunAsync(
                        () -> {
                            recording = on;
                            subscriptions
                                    .peers()
                                    .forEach(peer -> send(peer, "recording", PUBLISH, recordingNotice(on)));
                        },
                        serial);
    }

    /** The room's raw dumps turned into playable files with digests (call after recording stopped). */
    public List<SfuRecordings.Recorded> recordings() throws IOException {
        Map<Long, String> peers = CompletableFuture.supplyAsync(subscriptions::feedPeers, serial)
                .orTimeout(5, TimeUnit.SECONDS)
                .join();
        return recordings.list(peers::get);
    }

    /**
     * The Janus host died: re-creates the room on a reachable host and asks every participant to
     * publish again ({@code media-reset}). Who is in the room is the room's business and survives.
     */
    public CompletableFuture<Void> recover() {
        return CompletableFuture.supplyAsync(
                        () -> {
                            generation++;
                            handles.values().forEach(h -> {
                                h.publisher = null;
                                h.subscriber = null;
                                h.audioMids = List.of();
                            });
                            subscriptions.reset();
                            if (host != null) {
                                pool.release(host);
                            }
                            return createOnHost()
                                    .thenRunAsync(
                                            () -> {
                                                if (recording) {
                                                    manager.enableRecording(janusRoom, secret, true);
                                                }
                                                handles.forEach((peer, h) -> {
                                                    attachPublisher(peer, h);
                                                    send(peer, "media-reset", PUBLISH, null);
                                                });
                                            },
                                            serial);
                        },
                        serial)
                .thenCompose(f -> f);
    }

    /**
     * Destroys the Janus room and frees the host, in the background: callers may hold the room's
     * lock. Completes when done, or after five seconds at most.
     */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done;
        try {
            done = CompletableFuture.supplyAsync(
                            () -> {
                                handles.values().forEach(this::detach);
                                handles.clear();
                                CompletableFuture<Void> destroyed = CompletableFuture.completedFuture(null);
                                if (manager != null
                                        && manager.handle().session().isAlive()) {
                                    JanusVideoRoom m = manager;
                                    destroyed = m.destroyRoom(janusRoom, secret)
                                            .orTimeout(2, TimeUnit.SECONDS)
                                            .exceptionally(e -> null)
                                            .thenCompose(ignored -> m.detach());
                                }
                                return destroyed.whenComplete((ok, e) -> {
                                    if (host != null) {
                                        pool.release(host);
                                    }
                                });
                            },
                            serial)
                    .thenCompose(f -> f)
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
        } catch (RejectedExecutionException alreadyClosed) {
            return CompletableFuture.completedFuture(null);
        }
        done.whenComplete((ok, e) -> serial.shutdown());
        return done;
    }

    // --- on the serial executor from here on

    private CompletableFuture<Void> createOnHost() {
        host = pool.place();
        janusRoom = ThreadLocalRandom.current().nextLong(1, 1L << 52);
        if (secrets != null) {
            secret = secretOf(janusRoom);
        }
        where = host.uri() + " " + janusRoom;
        try {
            recordings.createDir();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return host.session().attachVideoRoom().thenCompose(handle -> {
            manager = new JanusVideoRoom(handle);
            return manager.createRoom(
                    janusRoom, secret, settings.adminKey(), 64, recordings.dir().toString());
        });
    }

    private void attachPublisher(String peer, Handles h) {
        int gen = generation;
        long feed = subscriptions.feedOf(peer);
        h.publisherReady = host.session()
                .attachVideoRoom()
                .thenComposeAsync(
                        handle -> {
                            h.publisher = new JanusVideoRoom(handle);
                            h.publisher.onEvent(event -> later(() -> onPublisherEvent(peer, h, gen, event)));
                            return h.publisher
                                    .joinPublisher(janusRoom, feed, peer)
                                    .thenApply(joined -> (Void) null);
                        },
                        serial);
        h.publisherReady.whenCompleteAsync(
                (ok, e) -> {
                    if (e != null) {
                        fail(peer, "join", e);
                    }
                },
                serial);
    }

    private void publish(String peer, Handles h, JsonNode offer) {
        int gen = generation;
        String recordingBase = SfuRecordings.baseName(subscriptions.feedOf(peer), gen);
        h.publisherReady
                .thenCompose(ignored -> h.publisher.publish(offer, recordingBase))
                .whenCompleteAsync(
                        (published, e) -> {
                            if (e != null) {
                                fail(peer, "publish", e);
                            } else if (gen == generation) {
                                h.audioMids = published.audioMids();
                                if (h.muted) {
                                    moderate(peer, h); // a republish (or a new Janus room) starts unmuted
                                }
                                send(peer, "answer", PUBLISH, published.answer());
                            }
                        },
                        serial);
    }

    private void moderate(String peer, Handles h) {
        long feed = subscriptions.feedOf(peer);
        h.audioMids.forEach(mid -> manager.moderate(janusRoom, secret, feed, mid, h.muted)
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        LOG.warnf("room %d: moderating %s failed: %s", sessionId, peer, e.getMessage());
                    }
                }));
    }

    private void onPublisherEvent(String peer, Handles h, int gen, JanusVideoRoom.Event event) {
        if (gen != generation || handles.get(peer) != h) {
            return;
        }
        if (event instanceof JanusVideoRoom.Event.Trickle t) {
            send(peer, "candidate", PUBLISH, t.candidate());
        } else if (event instanceof JanusVideoRoom.Event.WebrtcUp) {
            subscriptions.publishing(peer, true);
            subscriptions.peers().forEach(this::sync);
        } else if (event instanceof JanusVideoRoom.Event.Hangup) {
            subscriptions.publishing(peer, false);
        }
    }

    /** Brings {@code peer}'s subscription in line with the feeds that are publishing now. */
    private void sync(String peer) {
        List<Long> missing = subscriptions.nextFeeds(peer);
        if (missing.isEmpty()) {
            return;
        }
        Handles h = handles.get(peer);
        int gen = generation;
        CompletableFuture<JanusVideoRoom.SubscriberOffer> offered;
        if (h.subscriber == null) {
            offered = host.session()
                    .attachVideoRoom()
                    .thenComposeAsync(
                            handle -> {
                                h.subscriber = new JanusVideoRoom(handle);
                                h.subscriber.onEvent(event -> later(() -> onSubscriberEvent(peer, h, gen, event)));
                                return h.subscriber.joinSubscriber(janusRoom, 0, missing);
                            },
                            serial);
        } else {
            offered = h.subscriber.subscribe(missing);
        }
        offered.whenCompleteAsync(
                (offer, e) -> {
                    if (gen != generation) {
                        return;
                    }
                    if (e != null) {
                        subscriptions.failed(peer, missing);
                        fail(peer, "subscribe", e);
                        // Janus refuses an update while it is busy with the handle: try again shortly.
                        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, serial)
                                .execute(() -> {
                                    if (gen == generation) {
                                        sync(peer);
                                    }
                                });
                        return;
                    }
                    offerToClient(peer, offer);
                },
                serial);
    }

    private void onSubscriberEvent(String peer, Handles h, int gen, JanusVideoRoom.Event event) {
        if (gen != generation || handles.get(peer) != h) {
            return;
        }
        if (event instanceof JanusVideoRoom.Event.Trickle t) {
            send(peer, "candidate", SUBSCRIBE, t.candidate());
        } else if (event instanceof JanusVideoRoom.Event.Renegotiated r) {
            subscriptions.renegotiating(peer);
            offerToClient(peer, r.offer());
        }
    }

    private void offerToClient(String peer, JanusVideoRoom.SubscriberOffer offer) {
        if (offer.jsep() == null) {
            subscriptions.negotiated(peer);
            sync(peer);
            return;
        }
        ObjectNode data = offer.jsep().deepCopy();
        data.put("seq", subscriptions.offered(peer));
        ArrayNode streams = data.putArray("streams");
        offer.feedByMid().forEach((mid, feed) -> {
            String from = subscriptions.peerOfFeed(feed);
            if (from != null && subscriptions.contains(from)) {
                streams.addObject().put("mid", mid).put("peer", from);
            }
        });
        send(peer, "offer", SUBSCRIBE, data);
    }

    /** The transport's failure must never break the room's own state. */
    private void send(String peer, String type, String from, JsonNode data) {
        try {
            signals.send(peer, type, from, data);
        } catch (RuntimeException e) {
            LOG.warnf("room %d: sending %s to %s failed: %s", sessionId, type, peer, e.getMessage());
        }
    }

    /** Runs on the serial executor; after {@link #close} late Janus events are dropped. */
    private void later(Runnable work) {
        try {
            serial.execute(work);
        } catch (RejectedExecutionException closed) {
            LOG.debugf("room %d: closed, dropping late work", sessionId);
        }
    }

    private void detach(Handles h) {
        if (h.subscriber != null) {
            h.subscriber.detach();
        }
        if (h.publisher != null) {
            h.publisher.detach();
        }
    }

    private void fail(String peer, String what, Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        LOG.warnf("room %d: %s for %s failed: %s", sessionId, what, peer, cause.getMessage());
        send(
                peer,
                "media-error",
                PUBLISH,
                JanusSession.JSON.createObjectNode().put("during", what).put("message", cause.getMessage()));
    }

    private static JsonNode recordingNotice(boolean on) {
        return JanusSession.JSON.createObjectNode().put("on", on);
    }

    /** A Janus room's secret on several nodes: derived from the session and room, the same on every node. */
    private String secretOf(long room) {
        return secrets.apply("janus-room " + sessionId + " " + room);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
