package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The VideoRoom plugin's requests and events (Janus 1.x API) on one handle, typed: the only class
 * that reads or writes VideoRoom JSON (the transport envelope is {@link JanusSession}'s). Room management
 * ({@link #createRoom}, {@link #kick}, {@link #moderate}, {@link #enableRecording},
 * {@link #destroyRoom}) needs the room's secret, which only the service knows.
 */
public record JanusVideoRoom(JanusHandle handle) {

    /** Answer to a publisher's join: its feed id and the feeds already publishing. */
    public record PublisherJoined(long feedId, long privateId, List<Long> publishers) {}

    /**
     * Creates a room. {@code recordingDir} is where Janus writes {@code .mjr} files when recording
     * is switched on later; {@code maxPublishers} caps the video senders.
     */
    public CompletableFuture<Void> createRoom(
            long room, String secret, String adminKey, int maxPublishers, String recordingDir) {
        ObjectNode body = body("create")
                .put("room", room)
                .put("secret", secret)
                .put("permanent", false)
                .put("publishers", maxPublishers)
                .put("is_private", true)
                .put("videocodec", "vp8")
                .put("audiocodec", "opus")
                .put("record", false)
                .put("rec_dir", recordingDir)
                .put("notify_joining", true);
        if (adminKey != null && !adminKey.isBlank()) {
            body.put("admin_key", adminKey);
        }
        return handle.send(body, null).thenApply(ignored -> null);
    }

    /** Destroys a room; its participants are disconnected. */
    public CompletableFuture<Void> destroyRoom(long room, String secret) {
        return handle.send(body("destroy").put("room", room).put("secret", secret), null)
                .thenApply(ignored -> null);
    }

    /** Joins this handle as publisher {@code feedId} (the service's participant id). */
    public CompletableFuture<PublisherJoined> joinPublisher(long room, long feedId, String display) {
        ObjectNode body = body("join")
                .put("ptype", "publisher")
                .put("room", room)
                .put("id", feedId)
                .put("display", display);
        return handle.send(body, null)
                .thenApply(reply -> new PublisherJoined(
                        reply.data().path("id").asLong(),
                        reply.data().path("private_id").asLong(),
                        feeds(reply.data().path("publishers"))));
    }

    /** Janus' answer to a publish: its SDP answer and the mids of the published audio streams. */
    public record Published(JsonNode answer, List<String> audioMids) {}

    /**
     * Publishes the peer's offer; answers with Janus' SDP answer and the audio mids (which
     * {@link #moderate} needs). A non-null {@code recordingBase} (a plain file name, no directory:
     * files land in the room's {@code rec_dir}) names this publisher's recordings when the room records.
     */
    public CompletableFuture<Published> publish(JsonNode offer, String recordingBase) {
        ObjectNode body = body("publish");
        if (recordingBase != null) {
            body.put("filename", recordingBase);
        }
        return handle.send(body, offer).thenApply(reply -> {
            List<String> audio = new ArrayList<>();
            reply.data().path("streams").forEach(s -> {
                if ("audio".equals(s.path("type").asText())) {
                    audio.add(s.path("mid").asText());
                }
            });
            return new Published(reply.jsep(), audio);
        });
    }

    /**
     * Janus' offer to a subscriber: the SDP ({@code null} when Janus has nothing to offer) and
     * which publisher's feed each {@code mid} carries.
     */
    public record SubscriberOffer(JsonNode jsep, Map<String, Long> feedByMid) {
        static SubscriberOffer of(JsonNode data, JsonNode jsep) {
            Map<String, Long> feeds = new LinkedHashMap<>();
            data.path("streams")
                    .forEach(s ->
                            feeds.put(s.path("mid").asText(), s.path("feed_id").asLong()));
            return new SubscriberOffer(jsep, feeds);
        }
    }

    /**
     * Joins this handle as a subscriber to {@code feeds} (one PeerConnection for all of them,
     * {@code use_msid} so each track names its stream); answers with Janus' offer for the peer.
     * A non-zero {@code privateId} ties the subscription to its participant's publisher in Janus.
     */
    public CompletableFuture<SubscriberOffer> joinSubscriber(long room, long privateId, List<Long> feeds) {
        ObjectNode body =
                body("join").put("ptype", "subscriber").put("room", room).put("use_msid", true);
        if (privateId != 0) {
            body.put("private_id", privateId);
        }
        feedList(body.putArray("streams"), feeds);
        return handle.send(body, null).thenApply(reply -> SubscriberOffer.of(reply.data(), reply.jsep()));
    }

    /** Adds {@code feeds} to this subscription; answers with Janus' new offer for the peer. */
    public CompletableFuture<SubscriberOffer> subscribe(List<Long> feeds) {
        ObjectNode body = body("update");
        feedList(body.putArray("subscribe"), feeds);
        return handle.send(body, null).thenApply(reply -> SubscriberOffer.of(reply.data(), reply.jsep()));
    }

    /** What Janus pushes on a handle by itself, typed. */
    public sealed interface Event {
        /** One of Janus' ICE candidates for the peer ({@code {candidate, sdpMid, sdpMLineIndex}} or {@code completed}). */
        record Trickle(JsonNode candidate) implements Event {}

        /** The handle's PeerConnection is up. */
        record WebrtcUp() implements Event {}

        /** The handle's PeerConnection is gone. */
        record Hangup() implements Event {}

        /** Janus renegotiated a subscription by itself (a publisher left): its new offer. */
        record Renegotiated(SubscriberOffer offer) implements Event {}

        /** Anything else (publishers joining, media reports). */
        record Other(String kind) implements Event {}
    }

    /** Listens to the events Janus pushes on this handle (on the WebSocket's thread: do not block). */
    public void onEvent(Consumer<Event> listener) {
        handle.onEvent(json -> listener.accept(event(json)));
    }

    static Event event(JsonNode json) {
        String kind = json.path("janus").asText();
        return switch (kind) {
            case "trickle" -> new Event.Trickle(json.path("candidate"));
            case "webrtcup" -> new Event.WebrtcUp();
            case "hangup" -> new Event.Hangup();
            default ->
                json.has("jsep") && json.path("transaction").isMissingNode()
                        ? new Event.Renegotiated(
                                SubscriberOffer.of(json.path("plugindata").path("data"), json.get("jsep")))
                        : new Event.Other(kind);
        };
    }

    /**
     * Trickles one ICE candidate from the peer ({@code {candidate, sdpMid, sdpMLineIndex}}); a
     * {@code null}, JSON null or {@code {completed: true}} ends the peer's candidates.
     */
    public CompletableFuture<Void> trickle(JsonNode candidate) {
        boolean end = candidate == null
                || candidate.isNull()
                || candidate.path("completed").asBoolean();
        return handle.trickle(end ? null : candidate);
    }

    /** Leaves the room and stops media on this handle. */
    public CompletableFuture<Void> detach() {
        return handle.detach();
    }

    /** Completes a subscription with the peer's SDP answer. */
    public CompletableFuture<Void> start(JsonNode answer) {
        return handle.send(body("start"), answer).thenApply(ignored -> null);
    }

    /** Stops media to a subscriber without detaching it ({@link #resume} restarts it). */
    public CompletableFuture<Void> pause() {
        return handle.send(body("pause"), null).thenApply(ignored -> null);
    }

    /** Resumes media to a paused subscriber. */
    public CompletableFuture<Void> resume() {
        return handle.send(body("start"), null).thenApply(ignored -> null);
    }

    /** Removes a participant's publisher from the room. */
    public CompletableFuture<Void> kick(long room, String secret, long feedId) {
        return handle.send(body("kick").put("room", room).put("secret", secret).put("id", feedId), null)
                .thenApply(ignored -> null);
    }

    /** Mutes or unmutes one media stream ({@code mid}) of a publisher for everyone. */
    public CompletableFuture<Void> moderate(long room, String secret, long feedId, String mid, boolean mute) {
        return handle.send(
                        body("moderate")
                                .put("room", room)
                                .put("secret", secret)
                                .put("id", feedId)
                                .put("mid", mid)
                                .put("mute", mute),
                        null)
                .thenApply(ignored -> null);
    }

    /** Switches recording of every publisher in the room on or off. */
    public CompletableFuture<Void> enableRecording(long room, String secret, boolean record) {
        return handle.send(
                        body("enable_recording")
                                .put("room", room)
                                .put("secret", secret)
                                .put("record", record),
                        null)
                .thenApply(ignored -> null);
    }

    /** Feed ids of the room's current publishers. */
    public CompletableFuture<List<Long>> listPublishers(long room) {
        return handle.send(body("listparticipants").put("room", room), null).thenApply(reply -> {
            List<Long> ids = new ArrayList<>();
            reply.data().path("participants").forEach(p -> {
                if (p.path("publisher").asBoolean()) {
                    ids.add(p.path("id").asLong());
                }
            });
            return ids;
        });
    }

    private static ObjectNode body(String request) {
        return JanusSession.JSON.createObjectNode().put("request", request);
    }

    private static void feedList(ArrayNode streams, List<Long> feeds) {
        feeds.forEach(feed -> streams.addObject().put("feed", feed));
    }

    private static List<Long> feeds(JsonNode publishers) {
        List<Long> ids = new ArrayList<>();
        publishers.forEach(p -> ids.add(p.path("id").asLong()));
        return ids;
    }
}
