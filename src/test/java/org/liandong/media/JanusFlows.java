package org.liandong.media;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publisher and subscriber negotiation between a {@link TestPeer} and Janus, the way the room
 * relays it: JSEP passed through untouched, candidates trickled both ways.
 */
final class JanusFlows {
    private JanusFlows() {}

    /** Joins {@code peer} as publisher {@code feedId} with a synthetic camera and publishes it. */
    static CompletableFuture<JanusVideoRoom> publish(
            JanusSession session, long room, long feedId, TestPeer peer, String recordingBase) {
        peer.addCamera();
        return session.attachVideoRoom().thenCompose(handle -> {
            JanusVideoRoom publisher = new JanusVideoRoom(handle);
            CompletableFuture<Void> webrtcUp = new CompletableFuture<>();
            wireTrickle(handle, peer, webrtcUp);
            // Janus offers a feed to subscribers only once its PeerConnection is up.
            return publisher
                    .joinPublisher(room, feedId, "feed " + feedId)
                    .thenCompose(joined -> peer.offer())
                    .thenCompose(offer -> publisher.publish(offer, recordingBase))
                    .thenCompose(published -> peer.setRemote(published.answer()))
                    .thenCompose(ignored -> webrtcUp)
                    .thenApply(ignored -> publisher);
        });
    }

    /** Subscribes {@code peer} to {@code feeds} (Janus offers, the peer answers). */
    static CompletableFuture<JanusVideoRoom> subscribe(
            JanusSession session, long room, List<Long> feeds, TestPeer peer) {
        return session.attachVideoRoom().thenCompose(handle -> {
            JanusVideoRoom subscriber = new JanusVideoRoom(handle);
            wireTrickle(handle, peer, new CompletableFuture<>());
            return subscriber
                    .joinSubscriber(room, 0, feeds)
                    .thenCompose(offer -> peer.answer(offer.jsep()))
                    .thenCompose(subscriber::start)
                    .thenApply(ignored -> subscriber);
        });
    }

    private static void wireTrickle(JanusHandle handle, TestPeer peer, CompletableFuture<Void> webrtcUp) {
        handle.onEvent(event -> {
            switch (event.path("janus").asText()) {
                case "trickle" -> peer.addRemoteCandidate(event.path("candidate"));
                case "webrtcup" -> webrtcUp.complete(null);
                default -> {}
            }
        });
        peer.onCandidate(candidate -> handle.trickle(candidate));
    }
}
