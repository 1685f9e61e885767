package org.liandong.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A room participant with real WebRTC media (webrtc-java): joins through the real socket, sends
 * a synthetic camera (moving grey frames) to every peer in a mesh, and counts the video frames it
 * receives from each. Negotiation follows the perfect-negotiation pattern: the newcomer offers,
 * the peer with the higher id is polite and rolls back on glare, and a resumed seat restarts ICE.
 */
public class MeshClient implements AutoCloseable {

    /** One factory per JVM; HeadlessAudioDeviceModule because the plain constructor aborts without audio devices. */
    private static PeerConnectionFactory factory;

    static synchronized PeerConnectionFactory factory() {
        if (factory == null) {
            factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        }
        return factory;
    }

    private final URI base;
    private final long sessionId;
    private final String token;
    private final String origin;
    /** webrtc-java callbacks and socket messages are handled one at a time, in order. */
    private final ExecutorService serial = Executors.newSingleThreadExecutor(r -> new Thread(r, "mesh-client"));

    private final ScheduledExecutorService camera =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "synthetic-camera"));
    private final CustomVideoSource source;
    private final VideoTrack track;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    private volatile SignalingClient signaling;
    private volatile String me;
    private volatile List<RTCIceServer> iceServers = List.of();
    private volatile boolean ignoresExcusal;

    /** One peer connection and the candidates that arrived before its remote description. */
    private static final class Link {
        RTCPeerConnection pc;
        boolean makingOffer;
        final List<RTCIceCandidate> early = new ArrayList<>();
    }

    public MeshClient(URI base, long sessionId, String token, String origin) {
        this.base = base;
        this.sessionId = sessionId;
        this.token = token;
        this.origin = origin;
        PeerConnectionFactory f = factory(); // loads the native library, which CustomVideoSource needs
        this.source = new CustomVideoSource();
        this.track = f.createVideoTrack("camera", source);
        camera.scheduleAtFixedRate(this::pushFrame, 0, 66, TimeUnit.MILLISECONDS);
    }

    public MeshClient join() {
        SignalingClient next = new SignalingClient();
        next.onMessage(m -> serial.execute(() -> handle(m)));
        signaling = next; // before opening: the welcome's offers go out through it
        next.open(base, sessionId, token, origin);
        return this;
    }

    /**
     * Joins with a socket that comes back by itself after every loss ({@link SignalingClient#reconnecting});
     * on each resumed welcome the peer connections stay and restart ICE.
     */
    public MeshClient joinReconnecting(Backoff backoff) {
        SignalingClient next = SignalingClient.reconnecting(
                base, sessionId, token, origin, backoff, m -> serial.execute(() -> handle(m)));
        signaling = next;
        next.start();
        return this;
    }

    /** Reconnects the socket after a cut; peer connections stay and restart ICE on the welcome. */
    public MeshClient reconnect() {
        return join();
    }

    public SignalingClient signaling() {
        return signaling;
    }

    /** This participant's peer id, waiting (up to 10 s) for the welcome to be handled. */
    public String id() {
        return org.awaitility.Awaitility.await("the welcome")
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> me, java.util.Objects::nonNull);
    }

    /**
     * Misbehaves like a modified client: keeps its peer connections when excused, so that a test
     * can show the others' clients cut the media anyway.
     */
    public MeshClient ignoringExcusal() {
        ignoresExcusal = true;
        return this;
    }

    /** Whether this client still holds a peer connection to {@code peer}. */
    public boolean connectedTo(String peer) {
        return links.containsKey(peer);
    }

    /** Video frames received so far from a peer. */
    public long framesFrom(String peer) {
        AtomicLong n = peer == null ? null : frames.get(peer);
        return n == null ? 0 : n.get();
    }

    private void handle(JsonNode m) {
        String type = m.path("type").asText();
        switch (type) {
            case "welcome" -> {
                me = m.get("you").asText();
                iceServers = ice(m.path("iceServers"));
                if (m.path("lobby").asBoolean()) {
                    return;
                }
                for (JsonNode p : m.path("room").path("peers")) {
                    String peer = p.get("id").asText();
                    if (!p.path("away").asBoolean()) {
                        boolean known = links.containsKey(peer);
                        offer(link(peer), peer, known && m.path("resumed").asBoolean());
                    }
                }
            }
            case "peer-joined" -> link(m.at("/peer/id").asText());
            case "peer-left" -> drop(m.get("peer").asText());
            case "excused" -> {
                if (!ignoresExcusal) {
                    List.copyOf(links.keySet()).forEach(this::drop);
                }
            }
            case "offer" -> onOffer(m.get("from").asText(), m.get("data"));
            case "answer" -> {
                Link l = links.get(m.get("from").asText());
                if (l != null) {
                    l.pc.setRemoteDescription(description(m.get("data")), done(() -> flush(l)));
                }
            }
            case "candidate" -> {
                Link l = link(m.get("from").asText());
                JsonNode d = m.get("data");
                RTCIceCandidate c = new RTCIceCandidate(
                        d.path("sdpMid").asText(),
                        d.path("sdpMLineIndex").asInt(),
                        d.path("candidate").asText());
                if (l.pc.getRemoteDescription() == null) {
                    l.early.add(c);
                } else {
                    l.pc.addIceCandidate(c);
                }
            }
            default -> {}
        }
    }

    private Link link(String peer) {
        return links.computeIfAbsent(peer, p -> {
            Link l = new Link();
            RTCConfiguration config = new RTCConfiguration();
            config.iceServers = new ArrayList<>(iceServers);
            l.pc = factory().createPeerConnection(config, new PeerConnectionObserver() {
                @Override
                public void onIceCandidate(RTCIceCandidate c) {
                    signaling.send(
                            "candidate",
                            "to",
                            p,
                            "data",
                            Map.of("candidate", c.sdp, "sdpMid", c.sdpMid, "sdpMLineIndex", c.sdpMLineIndex));
                }

                @Override
                public void onTrack(RTCRtpTransceiver transceiver) {
                    if (transceiver.getReceiver().getTrack() instanceof VideoTrack video) {
                        AtomicLong count = frames.computeIfAbsent(p, k -> new AtomicLong());
                        video.addSink(frame -> count.incrementAndGet());
                    }
                }
            });
            l.pc.addTrack(track, List.of("liandong-" + sessionId));
            return l;
        });
    }

    private void offer(Link l, String peer, boolean iceRestart) {
        RTCOfferOptions options = new RTCOfferOptions();
        options.iceRestart = iceRestart;
        l.makingOffer = true;
        l.pc.createOffer(
                options,
                created(desc -> l.pc.setLocalDescription(desc, done(() -> {
                    l.makingOffer = false;
                    signaling.send("offer", "to", peer, "data", Map.of("type", "offer", "sdp", desc.sdp));
                }))));
    }

    private void onOffer(String peer, JsonNode data) {
        Link l = link(peer);
        boolean collision = l.makingOffer || l.pc.getSignalingState() != RTCSignalingState.STABLE;
        boolean polite = me.compareTo(peer) > 0;
        if (collision && !polite) {
            return; // the impolite peer keeps its own offer; the other side rolls back
        }
        Runnable accept = () -> l.pc.setRemoteDescription(description(data), done(() -> {
            flush(l);
            l.pc.createAnswer(
                    new RTCAnswerOptions(),
                    created(answer -> l.pc.setLocalDescription(
                            answer,
                            done(() -> signaling.send(
                                    "answer", "to", peer, "data", Map.of("type", "answer", "sdp", answer.sdp))))));
        }));
        if (collision) {
            l.pc.setLocalDescription(new RTCSessionDescription(RTCSdpType.ROLLBACK, ""), done(accept));
        } else {
            accept.run();
        }
    }

    private void flush(Link l) {
        l.early.forEach(l.pc::addIceCandidate);
        l.early.clear();
    }

    private void drop(String peer) {
        Link l = links.remove(peer);
        if (l != null) {
            l.pc.close();
        }
    }

    private void pushFrame() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(320, 240);
        ByteBuffer y = buffer.getDataY();
        byte shade = (byte) (System.nanoTime() / 10_000_000L);
        while (y.hasRemaining()) {
            y.put(shade);
        }
        // Neutral chroma: grey, as described (left at zero the frames show bright green in a browser's tile).
        for (ByteBuffer c : List.of(buffer.getDataU(), buffer.getDataV())) {
            while (c.hasRemaining()) {
                c.put((byte) 128);
            }
        }
        VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
        source.pushFrame(frame);
        frame.release();
    }

    private static RTCSessionDescription description(JsonNode data) {
        return new RTCSessionDescription(
                RTCSdpType.valueOf(data.get("type").asText().toUpperCase()),
                data.get("sdp").asText());
    }

    private static List<RTCIceServer> ice(JsonNode servers) {
        List<RTCIceServer> out = new ArrayList<>();
        for (JsonNode s : servers) {
            RTCIceServer server = new RTCIceServer();
            server.urls = new ArrayList<>();
            s.path("urls").forEach(u -> server.urls.add(u.asText()));
            server.username = s.path("username").asText(null);
            server.password = s.path("credential").asText(null);
            out.add(server);
        }
        return out;
    }

    private CreateSessionDescriptionObserver created(java.util.function.Consumer<RTCSessionDescription> then) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription d) {
                serial.execute(() -> then.accept(d));
            }

            @Override
            public void onFailure(String error) {
                System.err.println("mesh-client " + me + ": create failed: " + error);
            }
        };
    }

    private SetSessionDescriptionObserver done(Runnable then) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                serial.execute(then);
            }

            @Override
            public void onFailure(String error) {
                System.err.println("mesh-client " + me + ": set description failed: " + error);
            }
        };
    }

    @Override
    public void close() {
        if (serial.isShutdown()) {
            return; // closed before
        }
        camera.shutdownNow();
        if (signaling != null && !signaling.isClosed()) {
            try {
                signaling.send("leave");
                signaling.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        try {
            serial.submit(() -> {
                        links.values().forEach(l -> l.pc.close());
                        links.clear();
                    })
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        serial.shutdown();
        try {
            camera.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.dispose();
    }
}
