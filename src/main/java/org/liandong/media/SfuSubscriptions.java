package org.liandong.media;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who in one {@code sfu} room publishes which feed and receives which feeds: the bookkeeping of
 * {@link SfuRoom}, with no I/O, so every rule is testable without Janus. Not thread-safe: the
 * room calls it from its one serial executor.
 * <p>
 * A participant's subscription is renegotiated one step at a time: {@link #nextFeeds} starts a
 * negotiation for the feeds it lacks, {@link #offered} numbers the offer sent to the client (the
 * answer echoes the number, so an answer to a superseded offer is dropped), and {@link #negotiated}
 * or {@link #failed} ends it. While excused to the lobby a participant receives nothing new.
 */
final class SfuSubscriptions {

    private static final class Seat {
        final long feed;
        boolean publishing;
        boolean excused;
        boolean negotiating;
        int offerSeq;
        final Set<Long> subscribed = new LinkedHashSet<>();

        Seat(long feed) {
            this.feed = feed;
        }
    }

    private final Map<String, Seat> seats = new LinkedHashMap<>();
    /** Every feed ever published here and its participant, to name recordings after people left. */
    private final Map<Long, String> feedPeers = new LinkedHashMap<>();

    private long nextFeed = 1;

    /** Adds a participant with a new feed id; empty if it is already here. */
    Optional<Long> add(String peer) {
        if (seats.containsKey(peer)) {
            return Optional.empty();
        }
        Seat seat = new Seat(nextFeed++);
        seats.put(peer, seat);
        feedPeers.put(seat.feed, peer);
        return Optional.of(seat.feed);
    }

    /** Removes a participant; the others forget its feed (Janus renegotiates them itself). */
    Optional<Long> remove(String peer) {
        Seat seat = seats.remove(peer);
        if (seat == null) {
            return Optional.empty();
        }
        seats.values().forEach(o -> o.subscribed.remove(seat.feed));
        return Optional.of(seat.feed);
    }

    boolean contains(String peer) {
        return seats.containsKey(peer);
    }

    List<String> peers() {
        return List.copyOf(seats.keySet());
    }

    long feedOf(String peer) {
        return seat(peer).feed;
    }

    /** The participant whose feed this is (also after it left), or null. */
    String peerOfFeed(long feed) {
        return feedPeers.get(feed);
    }

    /** Every feed published here so far and its participant (a copy). */
    Map<Long, String> feedPeers() {
        return Map.copyOf(feedPeers);
    }

    /** The participant's PeerConnection to Janus is up (true) or hung up (false). */
    void publishing(String peer, boolean up) {
        seat(peer).publishing = up;
    }

    boolean isPublishing(String peer) {
        return seats.containsKey(peer) && seat(peer).publishing;
    }

    /** Excused to the lobby; false if it already was (or is not here). */
    boolean excuse(String peer) {
        Seat seat = seats.get(peer);
        if (seat == null || seat.excused) {
            return false;
        }
        seat.excused = true;
        return true;
    }

    /** Admitted back; false if it was not excused (or is not here). */
    boolean admit(String peer) {
        Seat seat = seats.get(peer);
        if (seat == null || !seat.excused) {
            return false;
        }
        seat.excused = false;
        return true;
    }

    boolean isExcused(String peer) {
        return seats.containsKey(peer) && seat(peer).excused;
    }

    boolean isNegotiating(String peer) {
        return seats.containsKey(peer) && seat(peer).negotiating;
    }

    /**
     * Starts a negotiation for the publishing feeds {@code peer} does not receive yet, and counts
     * them as subscribed. Empty (and nothing started) while it negotiates, is excused, is gone, or
     * lacks nothing.
     */
    List<Long> nextFeeds(String peer) {
        Seat seat = seats.get(peer);
        if (seat == null || seat.negotiating || seat.excused) {
            return List.of();
        }
        List<Long> missing = seats.values().stream()
                .filter(o -> o != seat && o.publishing && !seat.subscribed.contains(o.feed))
                .map(o -> o.feed)
                .toList();
        if (!missing.isEmpty()) {
            seat.negotiating = true;
            seat.subscribed.addAll(missing);
        }
        return missing;
    }

    /** Janus renegotiated by itself (a publisher left): a negotiation is under way. */
    void renegotiating(String peer) {
        seat(peer).negotiating = true;
    }

    /** An offer goes to the client: its number, which the answer echoes. */
    int offered(String peer) {
        return ++seat(peer).offerSeq;
    }

    /** Whether an answer (echoing {@code seq}, or null when the client sent none) answers the offer out now. */
    boolean answersCurrentOffer(String peer, Integer seq) {
        Seat seat = seats.get(peer);
        return seat != null && seat.negotiating && (seq == null || seq == seat.offerSeq);
    }

    /** The negotiation ended (answered, or Janus had nothing to offer). */
    void negotiated(String peer) {
        if (seats.containsKey(peer)) {
            seat(peer).negotiating = false;
        }
    }

    /** The negotiation for {@code feeds} failed: they count as missing again. */
    void failed(String peer, List<Long> feeds) {
        Seat seat = seats.get(peer);
        if (seat != null) {
            seat.negotiating = false;
            feeds.forEach(seat.subscribed::remove);
        }
    }

    /** The Janus room is gone (host lost): nobody publishes or receives until they do so again. */
    void reset() {
        seats.values().forEach(seat -> {
            seat.publishing = false;
            seat.negotiating = false;
            seat.subscribed.clear();
        });
    }

    private Seat seat(String peer) {
        Seat seat = seats.get(peer);
        if (seat == null) {
            throw new IllegalArgumentException("no participant " + peer);
        }
        return seat;
    }
}
