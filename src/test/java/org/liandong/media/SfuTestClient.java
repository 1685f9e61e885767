package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A participant's media client in {@code sfu} mode, as a browser would run it: one sending
 * PeerConnection offered to {@code sfu}, one receiving PeerConnection answering {@code sfu-in},
 * and a fresh start on {@code media-reset}.
 */
final class SfuTestClient implements AutoCloseable {
    /** Where the client's signaling goes: the room socket, here the backend or room directly. */
    @FunctionalInterface
    interface Signal {
        void relay(String peer, String kind, String to, JsonNode data);
    }

    final String peer;
    private final Signal room;
    private final PeerConnectionFactory factory;
    private final Map<String, String> peerByMid = new ConcurrentHashMap<>();
    volatile TestPeer sender;
    volatile TestPeer receiver;
    final long joinedNanos = System.nanoTime();
    /** Whether the room told this participant that it is being recorded. */
    volatile boolean recording;

    SfuTestClient(String peer, Signal room, PeerConnectionFactory factory) {
        this.peer = peer;
        this.room = room;
        this.factory = factory;
    }

    /** Whether {@link #publish} also sends a microphone. */
    volatile boolean microphone;

    /** Starts publishing a small camera (many peers share two cores), and the microphone if asked for. */
    synchronized void publish() {
        sender = new TestPeer(factory, TestPeer.defaultConfig());
        sender.addCamera(320, 240, 66);
        if (microphone) {
            sender.addMicrophone();
        }
        sender.onCandidate(c -> room.relay(peer, "candidate", SfuRoom.PUBLISH, c));
        sender.offer().thenAccept(offer -> room.relay(peer, "offer", SfuRoom.PUBLISH, offer));
        receiver();
    }

    /** The receiving PeerConnection, created on first need (an offer may come before publishing). */
    private TestPeer receiver() {
        if (receiver == null) {
            receiver = new TestPeer(factory, TestPeer.defaultConfig());
            receiver.onCandidate(c -> room.relay(peer, "candidate", SfuRoom.SUBSCRIBE, c));
        }
        return receiver;
    }

    /** What the room sends this participant. */
    synchronized void receive(String type, String from, JsonNode data) {
        switch (type + "<-" + from) {
            case "answer<-" + SfuRoom.PUBLISH -> sender.setRemote(data);
            case "candidate<-" + SfuRoom.PUBLISH -> sender.addRemoteCandidate(data);
            case "candidate<-" + SfuRoom.SUBSCRIBE -> receiver().addRemoteCandidate(data);
            case "offer<-" + SfuRoom.SUBSCRIBE -> {
                data.path("streams")
                        .forEach(s -> peerByMid.put(
                                s.path("mid").asText(), s.path("peer").asText()));
                TestPeer current = receiver();
                int seq = data.path("seq").asInt();
                current.answer(data).thenAccept(answer -> {
                    if (receiver == current) { // not replaced by a media-reset meanwhile
                        room.relay(peer, "answer", SfuRoom.SUBSCRIBE, ((ObjectNode) answer).put("seq", seq));
                    }
                });
            }
            case "media-reset<-" + SfuRoom.PUBLISH -> {
                closePeers();
                receiver = null;
                peerByMid.clear();
                publish();
            }
            case "recording<-" + SfuRoom.PUBLISH -> recording = data.path("on").asBoolean();
            default -> System.err.println(peer + " got " + type + " from " + from + ": " + data);
        }
    }

    /** Frames received from {@code other} so far. */
    int framesFrom(String other) {
        TestPeer receiver = this.receiver;
        if (receiver == null) {
            return 0;
        }
        return receiver.framesByMid.entrySet().stream()
                .filter(e -> other.equals(peerByMid.get(e.getKey())))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    /** Audio packets received from {@code other} so far (what Janus forwards of its microphone). */
    long audioPacketsFrom(String other) {
        TestPeer receiver = this.receiver;
        if (receiver == null) {
            return 0;
        }
        return receiver.audioPacketsByMid().entrySet().stream()
                .filter(e -> other.equals(peerByMid.get(e.getKey())))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** When the first remote frame arrived (System.nanoTime), 0 before. */
    long firstFrameNanos() {
        TestPeer receiver = this.receiver;
        return receiver == null ? 0 : receiver.firstFrameNanos.get();
    }

    /** For failure messages: frames per mid on the receiving connection and whose each mid is. */
    String describe() {
        TestPeer receiver = this.receiver;
        return peer + ": sender " + (sender == null ? "none" : "set") + ", frames by mid "
                + (receiver == null ? "{}" : receiver.framesByMid) + ", peers by mid " + peerByMid;
    }

    int totalFrames() {
        TestPeer receiver = this.receiver;
        return receiver == null
                ? 0
                : receiver.framesByMid.values().stream()
                        .mapToInt(AtomicInteger::get)
                        .sum();
    }

    private void closePeers() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Override
    public synchronized void close() {
        closePeers();
    }
}
