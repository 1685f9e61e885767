package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.liandong.client.MeshClient;
import org.liandong.room.RoomFixture;

/** The mesh counterpart of the sfu join figure: the default mode, through the same room socket. */
@QuarkusTest
class MeshRoomFigureTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RoomFixture fixture;

    @Test
    void meshIsTheDefaultAndCarriesVideoBetweenTwoPeers() {
        long s = fixture.session();
        try (MeshClient chair = new MeshClient(base, s, fixture.token(s, "chair"), null).join()) {
            assertEquals(
                    "mesh", chair.signaling().await("welcome").path("mediaMode").asText());
            long joining = System.nanoTime();
            try (MeshClient nr = new MeshClient(base, s, fixture.token(s, "city.nr"), null).join()) {
                String chairId = chair.id();
                org.awaitility.Awaitility.await("mesh video reaches the newcomer")
                        .atMost(java.time.Duration.ofSeconds(30))
                        .pollInterval(java.time.Duration.ofMillis(10))
                        .until(() -> nr.framesFrom(chairId) > 0);
                System.out.printf(
                        "MEDIA-FIGURE mesh via room socket: join to first remote frame %d ms%n",
                        (System.nanoTime() - joining) / 1_000_000);
            }
        }
    }
}
