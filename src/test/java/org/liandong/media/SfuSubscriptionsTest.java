package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who receives which feed in an sfu room, without Janus: every call checked by what it answers. */
class SfuSubscriptionsTest {

    final SfuSubscriptions room = new SfuSubscriptions();

    long add(String peer) {
        return room.add(peer).orElseThrow();
    }

    @Test
    void feedsAreNumberedOnceAndJoiningTwiceChangesNothing() {
        assertEquals(1, add("p1"));
        assertEquals(2, add("p2"));
        assertEquals(Optional.empty(), room.add("p1"));
        assertEquals(List.of("p1", "p2"), room.peers());
        assertEquals("p2", room.peerOfFeed(2));
    }

    @Test
    void aParticipantReceivesOnlyFeedsThatPublishAndNeverItsOwn() {
        add("p1");
        long f2 = add("p2");
        long f3 = add("p3");
        room.publishing("p1", true);
        room.publishing("p2", true);
        assertEquals(List.of(f2), room.nextFeeds("p1"), "p3 does not publish yet");
        assertTrue(room.isNegotiating("p1"));
        assertEquals(List.of(), room.nextFeeds("p1"), "one negotiation at a time");

        int seq = room.offered("p1");
        room.publishing("p3", true);
        assertTrue(room.answersCurrentOffer("p1", seq));
        room.negotiated("p1");
        assertEquals(List.of(f3), room.nextFeeds("p1"), "then the feed that started meanwhile");
    }

    @Test
    void anAnswerToASupersededOfferOrWithNoOfferOutIsStale() {
        add("p1");
        add("p2");
        room.publishing("p2", true);
        assertFalse(room.answersCurrentOffer("p1", null), "no offer out");
        room.nextFeeds("p1");
        int first = room.offered("p1");
        int second = room.offered("p1");
        assertFalse(room.answersCurrentOffer("p1", first));
        assertTrue(room.answersCurrentOffer("p1", second));
        assertTrue(room.answersCurrentOffer("p1", null), "a client that echoes nothing answers the current offer");
    }

    @Test
    void anExcusedParticipantGetsNothingNewUntilAdmitted() {
        add("p1");
        long f2 = add("p2");
        assertTrue(room.excuse("p1"));
        assertFalse(room.excuse("p1"), "excused once");
        room.publishing("p2", true);
        assertEquals(List.of(), room.nextFeeds("p1"));
        assertTrue(room.admit("p1"));
        assertFalse(room.admit("p1"));
        assertEquals(List.of(f2), room.nextFeeds("p1"));
    }

    @Test
    void aFailedNegotiationLeavesItsFeedsMissing() {
        add("p1");
        long f2 = add("p2");
        room.publishing("p2", true);
        List<Long> feeds = room.nextFeeds("p1");
        room.failed("p1", feeds);
        assertFalse(room.isNegotiating("p1"));
        assertEquals(List.of(f2), room.nextFeeds("p1"));
    }

    @Test
    void aLeaverIsForgottenByEveryoneButItsRecordingsStillNameIt() {
        add("p1");
        long f2 = add("p2");
        room.publishing("p2", true);
        room.nextFeeds("p1");
        room.negotiated("p1");
        assertEquals(Optional.of(f2), room.remove("p2"));
        assertEquals(Optional.empty(), room.remove("p2"));
        assertFalse(room.contains("p2"));
        assertEquals("p2", room.peerOfFeed(f2), "recordings are named after people who left");
        long f3 = add("p2");
        room.publishing("p2", true);
        assertEquals(List.of(f3), room.nextFeeds("p1"), "back with a new feed, received again");
    }

    @Test
    void aLostJanusRoomMeansEveryoneSubscribesAfresh() {
        add("p1");
        long f2 = add("p2");
        room.publishing("p2", true);
        room.nextFeeds("p1");
        room.reset();
        assertFalse(room.isPublishing("p2"));
        assertFalse(room.isNegotiating("p1"));
        room.publishing("p2", true);
        assertEquals(List.of(f2), room.nextFeeds("p1"));
    }
}
