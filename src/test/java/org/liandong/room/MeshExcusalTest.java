package org.liandong.room;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.liandong.client.MeshClient;

/**
 * Issue 11, mesh excusal: an excused applicant whose client keeps its peer connections open must
 * stop receiving the deliberation's media. The others' clients drop them on {@code peer-left}
 * (reason {@code excused}); real webrtc-java peers show the frames stop.
 */
@QuarkusTest
class MeshExcusalTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    RoomFixture fixture;

    @Test
    void othersDropAnExcusedApplicantWhoseClientKeepsItsConnections() {
        long s = fixture.session();
        try (MeshClient chair = new MeshClient(base, s, fixture.token(s, "chair"), null).join();
             MeshClient applicant = new MeshClient(base, s, fixture.token(s, "applicant"), null).ignoringExcusal().join()) {
            String chairId = chair.id();
            String applicantId = applicant.id();
            chair.signaling().await("lobby", m -> m.get("waiting").size() == 1, Duration.ofSeconds(10));
            chair.signaling().send("admit", "peer", applicantId);
            await().atMost(Duration.ofSeconds(30)).until(() -> applicant.framesFrom(chairId) >= 10);

            chair.signaling().send("excuse", "peer", applicantId);
            applicant.signaling().await("excused");
            await().atMost(Duration.ofSeconds(10)).until(() -> !chair.connectedTo(applicantId));
            // Frames stop: the count no longer moves over consecutive half-second polls.
            AtomicLong last = new AtomicLong(-1);
            AtomicInteger still = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long now = applicant.framesFrom(chairId);
                still.set(now == last.getAndSet(now) ? still.get() + 1 : 0);
                return still.get() >= 6;
            });
            assertFalse(chair.connectedTo(applicantId));
        }
    }
}
