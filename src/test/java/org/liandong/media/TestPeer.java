package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A real WebRTC peer (webrtc-java) for media tests: publishes a synthetic 640x480 video at
 * 30 fps and/or counts the video frames it receives. JSEP and candidates are plain Janus-style
 * JSON so that they can be relayed untouched.
 */
final class TestPeer implements AutoCloseable {
    final AtomicInteger framesReceived = new AtomicInteger();
    /** Frames received per transceiver mid (one mid per remote feed through the SFU). */
    final java.util.Map<String, AtomicInteger> framesByMid = new java.util.concurrent.ConcurrentHashMap<>();

    final AtomicLong firstFrameNanos = new AtomicLong();
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final List<RTCPeerConnectionIceErrorEvent> iceErrors = new CopyOnWriteArrayList<>();
    final List<String> localCandidateTypes = new CopyOnWriteArrayList<>();
    private final RTCPeerConnection pc;
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
    private volatile Consumer<JsonNode> onCandidate = c -> {};
    private CustomVideoSource source;
    private volatile boolean closed;

    TestPeer(PeerConnectionFactory factory, RTCConfiguration config) {
        pc = factory.createPeerConnection(config, new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                localCandidateTypes.add(candidate.sdp.replaceAll(".* typ (\\w+).*", "$1"));
                ObjectNode json = JanusSession.JSON
                        .createObjectNode()
                        .put("candidate", "candidate:" + candidate.sdp.replaceFirst("^candidate:", ""))
                        .put("sdpMid", candidate.sdpMid)
                        .put("sdpMLineIndex", candidate.sdpMLineIndex);
                onCandidate.accept(json);
            }

            @Override
            public void onIceCandidateError(RTCPeerConnectionIceErrorEvent event) {
                iceErrors.add(event);
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                if (state == RTCPeerConnectionState.CONNECTED) {
                    connected.complete(null);
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                if (transceiver.getReceiver().getTrack() instanceof VideoTrack video) {
                    AtomicInteger perMid = framesByMid.computeIfAbsent(transceiver.getMid(), m -> new AtomicInteger());
                    video.addSink(frame -> {
                        perMid.incrementAndGet();
                        if (framesReceived.getAndIncrement() == 0) {
                            firstFrameNanos.set(System.nanoTime());
                        }
                    });
                }
            }
        });
        this.factory = factory;
    }

    private final PeerConnectionFactory factory;

    static RTCConfiguration defaultConfig() {
        return new RTCConfiguration();
    }

    void onCandidate(Consumer<JsonNode> consumer) {
        onCandidate = consumer;
    }

    /** Adds a send-only synthetic camera pushing 640x480 frames at 30 fps. */
    void addCamera() {
        addCamera(640, 480, 33);
    }

    /** Adds a send-only synthetic camera pushing {@code width}x{@code height} frames every {@code periodMs}. */
    void addCamera(int width, int height, long periodMs) {
        source = new CustomVideoSource();
        VideoTrack track = factory.createVideoTrack("camera", source);
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("camera");
        pc.addTransceiver(track, init);
        AtomicInteger n = new AtomicInteger();
        pusher.scheduleAtFixedRate(
                () -> {
                    NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
                    byte shade = (byte) (n.getAndIncrement() * 4);
                    for (int i = 0; i < buffer.getDataY().capacity(); i += 7) {
                        buffer.getDataY().put(i, (byte) (shade + i));
                    }
                    VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
                    source.pushFrame(frame);
                    frame.release();
                },
                0,
                periodMs,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Adds a send-only microphone fed by the factory's headless audio device (silence, still sent
     * as Opus packets every 20 ms). A CustomAudioSource cannot be used beside that device: both
     * would feed the send stream from two threads, which libwebrtc aborts on.
     */
    void addMicrophone() {
        AudioTrack track = factory.createAudioTrack("microphone", factory.createAudioSource(new AudioOptions()));
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("camera");
        pc.addTransceiver(track, init);
    }

    /** Audio RTP packets received so far per transceiver mid (from the receiver's statistics). */
    Map<String, Long> audioPacketsByMid() {
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        pc.getStats(report::complete);
        Map<String, Long> packets = new HashMap<>();
        report.orTimeout(5, TimeUnit.SECONDS).join().getStats().values().stream()
                .filter(s -> s.getType() == RTCStatsType.INBOUND_RTP
                        && "audio".equals(s.getAttributes().get("kind")))
                .forEach(s -> packets.put(
                        String.valueOf(s.getAttributes().get("mid")),
                        ((Number) s.getAttributes().get("packetsReceived")).longValue()));
        return packets;
    }

    /** Creates an offer and sets it locally; answers it as Janus JSEP. */
    CompletableFuture<JsonNode> offer() {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), observer(created));
        return created.thenCompose(this::setLocal);
    }

    /** Takes a remote offer and answers it. */
    CompletableFuture<JsonNode> answer(JsonNode offer) {
        return setRemote(offer)
                .thenCompose(ignored -> {
                    CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
                    pc.createAnswer(new RTCAnswerOptions(), observer(created));
                    return created;
                })
                .thenCompose(this::setLocal);
    }

    CompletableFuture<Void> setRemote(JsonNode jsep) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("peer closed"));
        }
        RTCSdpType type = "offer".equals(jsep.path("type").asText()) ? RTCSdpType.OFFER : RTCSdpType.ANSWER;
        CompletableFuture<Void> done = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(type, jsep.path("sdp").asText()), setObserver(done));
        return done.thenRun(this::drainEarlyCandidates);
    }

    // Janus trickles its candidates right behind its answer; one that arrives before the answer is
    // applied would be rejected by addIceCandidate and lost, so it waits here.
    private final java.util.List<RTCIceCandidate> earlyCandidates = new java.util.ArrayList<>();
    private boolean remoteDescriptionSet;

    private synchronized void drainEarlyCandidates() {
        remoteDescriptionSet = true;
        earlyCandidates.forEach(pc::addIceCandidate);
        earlyCandidates.clear();
    }

    /** Adds a candidate Janus trickled ({@code {candidate, sdpMid, sdpMLineIndex}} or {@code completed}). */
    void addRemoteCandidate(JsonNode candidate) {
        if (closed || candidate.path("completed").asBoolean() || !candidate.hasNonNull("candidate")) {
            return;
        }
        RTCIceCandidate c = new RTCIceCandidate(
                candidate.path("sdpMid").asText(),
                candidate.path("sdpMLineIndex").asInt(),
                candidate.path("candidate").asText());
        synchronized (this) {
            if (!remoteDescriptionSet) {
                earlyCandidates.add(c);
                return;
            }
        }
        pc.addIceCandidate(c);
    }

    private CompletableFuture<JsonNode> setLocal(RTCSessionDescription description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pc.setLocalDescription(description, setObserver(done));
        return done.thenApply(ignored -> JanusSession.JSON
                .createObjectNode()
                .put("type", description.sdpType == RTCSdpType.OFFER ? "offer" : "answer")
                .put("sdp", description.sdp));
    }

    private static CreateSessionDescriptionObserver observer(CompletableFuture<RTCSessionDescription> future) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                future.complete(description);
            }

            @Override
            public void onFailure(String error) {
                future.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver setObserver(CompletableFuture<Void> future) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                future.complete(null);
            }

            @Override
            public void onFailure(String error) {
                future.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    /** Frames received during {@code millis}, as frames per second. */
    double measureFps(long millis) throws InterruptedException {
        int before = framesReceived.get();
        Thread.sleep(millis);
        return (framesReceived.get() - before) * 1000.0 / millis;
    }

    @Override
    public void close() {
        closed = true;
        pusher.shutdownNow();
        try {
            pusher.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pc.close();
        if (source != null) {
            source.dispose();
        }
    }
}
