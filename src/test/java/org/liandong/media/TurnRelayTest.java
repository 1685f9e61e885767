package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.liandong.room.media.IceConfig;
import org.liandong.room.media.IceServer;
import org.liandong.room.media.IceServers;
import org.liandong.support.Awaits;

/**
 * A relay-only publisher (as behind a firewall that allows nothing but the TURN server) reaches
 * Janus through coturn with minted credentials, and fails with wrong or expired ones.
 */
@Tag("media")
class TurnRelayTest {
    @RegisterExtension
    static final JanusLab lab = JanusLab.janusAndTurn();

    static LocalMedia.Running janus;
    static LocalMedia.Running turn;
    static PeerConnectionFactory factory;
    static JanusSession session;

    @BeforeAll
    static void start() {
        turn = lab.turnProcess();
        janus = lab.janusProcess();
        factory = lab.factory();
        session = lab.session();
    }

    RTCConfiguration relayOnly(IceServer credentials) {
        RTCIceServer server = new RTCIceServer();
        server.urls = credentials.urls();
        server.username = credentials.username();
        server.password = credentials.credential();
        RTCConfiguration config = new RTCConfiguration();
        config.iceServers = List.of(server);
        config.iceTransportPolicy = RTCIceTransportPolicy.RELAY;
        return config;
    }

    /** The service's own minting ({@link IceServers}, as in the room's welcome) with a given secret and clock. */
    IceServer mint(String secret, Clock clock) {
        IceConfig config = new IceConfig() {
            public Optional<List<String>> stunUrls() {
                return Optional.empty();
            }

            public Optional<List<String>> turnUrls() {
                return Optional.of(List.of("turn:127.0.0.1:" + turn.port() + "?transport=udp"));
            }

            public Optional<String> turnSecret() {
                return Optional.of(secret);
            }

            public Duration turnCredentialTtl() {
                return Duration.ofHours(1);
            }
        };
        return new IceServers(config, clock).forUser("p42").get(0);
    }

    long newRoom() {
        return lab.newRoom("s");
    }

    @Test
    void relayOnlyPublisherReachesJanusThroughCoturnWithMintedCredentials() throws Exception {
        long room = newRoom();
        IceServer minted = mint(LocalMedia.TURN_SECRET, Clock.systemUTC());
        try (TestPeer publisher = new TestPeer(factory, relayOnly(minted));
                TestPeer subscriber = new TestPeer(factory, TestPeer.defaultConfig())) {
            JanusFlows.publish(session, room, 7, publisher, null).get(15, TimeUnit.SECONDS);
            assertTrue(
                    publisher.localCandidateTypes.stream().allMatch("relay"::equals),
                    "relay-only peer offers relay candidates only: " + publisher.localCandidateTypes);
            assertFalse(publisher.localCandidateTypes.isEmpty(), "coturn allocated a relay");
            JanusFlows.subscribe(session, room, List.of(7L), subscriber).get(10, TimeUnit.SECONDS);
            JanusSfuTest.awaitFrames(subscriber, 15, Duration.ofSeconds(30));
        }
    }

    @Test
    void wrongOrExpiredCredentialsAreRefused() throws Exception {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        for (IceServer bad :
                List.of(mint("not-the-secret", Clock.systemUTC()), mint(LocalMedia.TURN_SECRET, twoHoursAgo))) {
            long room = newRoom();
            try (TestPeer publisher = new TestPeer(factory, relayOnly(bad))) {
                JanusFlows.publish(session, room, 8, publisher, null);
                Awaits.until("coturn refuses " + bad.username(), () -> !publisher.iceErrors.isEmpty());
                assertEquals(401, publisher.iceErrors.get(0).getErrorCode(), "unauthorized");
                assertTrue(publisher.localCandidateTypes.isEmpty(), "no relay allocated");
                assertFalse(publisher.connected.isDone(), "never connected");
            }
        }
    }
}
