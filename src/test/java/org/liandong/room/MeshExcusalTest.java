package org.liandong.room;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.liandong.client.MeshClient;
import org.liandong.support.Awaits;

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
        try (MeshClient chair = new MeshClient(base, s, fixture.token(s, "chair"), null).join()) {
            String chairId = chair.id(); // seated before the applicant arrives, so a lobby notice follows
            MeshClient applicant = new MeshClient(base, s, fixture.token(s, "applicant"), null)
                    .ignoringExcusal()
                    .join();
            String applicantId = applicant.id();
            chair.signaling().await("lobby", m -> m.get("waiting").size() == 1, Duration.ofSeconds(10));
            chair.signaling().send("admit", "peer", applicantId);
            await().atMost(Duration.ofSeconds(30)).until(() -> applicant.framesFrom(chairId) >= 10);

            chair.signaling().send("excuse", "peer", applicantId);
            applicant.signaling().await("excused");
            await().atMost(Duration.ofSeconds(10)).until(() -> !chair.connectedTo(applicantId));
            // Frames stop although the applicant's client keeps its connection open.
            Awaits.quiet("frames to the excused applicant", () -> applicant.framesFrom(chairId), 2);
            assertFalse(chair.connectedTo(applicantId));
            applicant.close();
        }
    }
}
