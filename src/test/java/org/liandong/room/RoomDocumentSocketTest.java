package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.support.Fixtures;

/**
 * The room's shared document over real sockets, with real accepted material files: who may show
 * what, who sees it, where late joiners and resumed seats land, and the pointer's rate limit.
 */
@QuarkusTest
class RoomDocumentSocketTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RoomFixture fixture;

    @Inject
    Clock clock;

    final List<SignalingClient> open = new ArrayList<>();

    SignalingClient join(long session, String username) {
        SignalingClient c = SignalingClient.connect(base, session, fixture.token(session, username), null);
        open.add(c);
        c.await("welcome");
        return c;
    }

    @AfterEach
    void closeAll() {
        open.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closed by the server in the test
            }
        });
    }

    /** A session on a project whose every item is accepted with a real PDF; returns {session, first accepted file, project}. */
    long[] sessionWithMaterials() {
        long project = Fixtures.registerProject("applicant");
        Fixtures.acceptProject(project);
        long file = Fixtures.as("coordinator")
                .get("/api/projects/" + project + "/materials/accepted")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("[0].id");
        long session = fixture.sessionOfAccepted(project, clock.instant().minusSeconds(60), Duration.ofHours(2));
        return new long[] {session, file, project};
    }

    static String you(SignalingClient c) {
        return c.await("welcome").get("you").asText();
    }

    static JsonNode doc(SignalingClient c, int page) {
        return c.await("doc", m -> m.path("doc").path("page").asInt() == page, WAIT);
    }

    @Test
    void theChairShowsAnAcceptedMaterialAndEveryMemberButTheLobbyFollows() {
        long[] s = sessionWithMaterials();
        SignalingClient chair = join(s[0], "chair");
        SignalingClient nr = join(s[0], "city.nr");
        SignalingClient applicant = join(s[0], "applicant"); // in the lobby
        SignalingClient observer = join(s[0], "observer");

        chair.send("doc-open", "fileId", s[1], "page", 3);
        JsonNode shown = doc(nr, 3).get("doc");
        assertEquals(s[1], shown.at("/material/fileId").asLong());
        assertEquals(64, shown.at("/material/sha256").asText().length());
        doc(observer, 3);
        doc(chair, 3);

        nr.send("doc-page", "page", 4);
        assertEquals("not-presenter", nr.await("error").get("code").asText());
        chair.send("doc-page", "page", 4, "zoom", 1.5);
        nr.await("doc-page", m -> m.get("page").asInt() == 4 && m.get("zoom").asDouble() == 1.5, WAIT);

        // A late joiner and a resumed seat land on the current page.
        SignalingClient drc = join(s[0], "city.drc");
        assertEquals(4, drc.await("welcome").at("/room/doc/page").asInt());
        nr.cut();
        SignalingClient back = join(s[0], "city.nr");
        assertTrue(back.await("welcome").get("resumed").asBoolean());
        assertEquals(4, back.await("welcome").at("/room/doc/page").asInt());

        // The lobby heard nothing of it, and its welcome carries no document.
        observer.await("doc-page", m -> m.get("page").asInt() == 4, WAIT);
        assertFalse(
                applicant.types().stream().anyMatch(t -> t.startsWith("doc") || t.equals("presenter")),
                applicant.types().toString());
        JsonNode lobbyDoc = applicant.await("welcome").at("/room/doc");
        assertTrue(lobbyDoc.isMissingNode() || lobbyDoc.isNull(), lobbyDoc.toString());
    }

    @Test
    void onlyAcceptedMaterialsOfThisSessionsProjectCanBeShown() {
        long[] s = sessionWithMaterials();
        long[] other = sessionWithMaterials();
        SignalingClient chair = join(s[0], "chair");
        chair.send("doc-open", "fileId", other[1]);
        assertEquals(
                "unknown-material",
                chair.await("error", m -> "doc-open".equals(m.path("ref").asText()), WAIT)
                        .get("code")
                        .asText());
        chair.send("doc-open", "fileId", 999_999_999L);
        chair.await("error", m -> m.get("message").asText().contains("999999999"), WAIT);
        chair.send("doc-open", "fileId", "5");
        chair.await(
                "error",
                m -> "bad-field".equals(m.get("code").asText())
                        && m.get("message").asText().startsWith("fileId"),
                WAIT);
        chair.send("doc-page", "page", 0);
        chair.await("error", m -> m.get("message").asText().startsWith("page"), WAIT);
        chair.send("doc-page", "page", 2);
        chair.await("error", m -> "no-document".equals(m.get("code").asText()), WAIT);
        assertTrue(chair.all("doc").isEmpty(), "nothing was shown");
    }

    @Test
    void theAdmittedApplicantPresentsAndAnExcusedApplicantStopsSeeingTheDocument() {
        long[] s = sessionWithMaterials();
        SignalingClient chair = join(s[0], "chair");
        SignalingClient nr = join(s[0], "city.nr");
        SignalingClient applicant = join(s[0], "applicant");
        String applicantId = you(applicant);
        chair.send("doc-open", "fileId", s[1], "page", 2);
        doc(nr, 2);
        chair.send("admit", "peer", applicantId);
        assertEquals(
                2,
                applicant
                        .await("welcome", m -> !m.get("lobby").asBoolean(), WAIT)
                        .at("/room/doc/page")
                        .asInt());

        chair.send("present", "peer", applicantId);
        nr.await("presenter", m -> applicantId.equals(m.get("peer").asText()), WAIT);
        applicant.send("doc-page", "page", 5);
        nr.await("doc-page", m -> m.get("page").asInt() == 5, WAIT);
        applicant.send("doc-pointer", "rect", Map.of("x", 0.1, "y", 0.2, "w", 0.3, "h", 0.1));
        nr.await("doc-pointer", m -> m.at("/rect/w").asDouble() == 0.3, WAIT);

        chair.send("excuse", "peer", applicantId);
        applicant.await("excused");
        nr.await("presenter", m -> m.get("peer").isNull(), WAIT);
        int seen = applicant.all("doc-page").size();
        chair.send("doc-page", "page", 6);
        nr.await("doc-page", m -> m.get("page").asInt() == 6, WAIT);
        chair.send("doc-pointer", "rect", Map.of("x", 0.5, "y", 0.5, "w", 0.1, "h", 0.1));
        nr.await("doc-pointer", m -> m.at("/rect/x").asDouble() == 0.5, WAIT);
        // Sends happen in the room's order: nr has page 6, so the applicant's share was decided before.
        assertEquals(seen, applicant.all("doc-page").size(), "an excused applicant gets no page");
        assertTrue(applicant.all("doc-pointer").stream()
                .noneMatch(m -> m.at("/rect/x").asDouble() == 0.5));
        applicant.send("doc-page", "page", 1);
        assertEquals(
                "in-lobby",
                applicant
                        .await("error", m -> "in-lobby".equals(m.get("code").asText()), WAIT)
                        .get("code")
                        .asText());
    }

    @Test
    void pointerMessagesBeyondTheRateAreRefusedWithoutClosingTheSocket() {
        long[] s = sessionWithMaterials();
        SignalingClient chair = join(s[0], "chair");
        SignalingClient nr = join(s[0], "city.nr");
        chair.send("doc-open", "fileId", s[1]);
        doc(nr, 1);
        for (int i = 0; i < 60; i++) {
            chair.send("doc-pointer", "rect", Map.of("x", i / 100.0, "y", 0.1, "w", 0.2, "h", 0.1));
        }
        chair.await("error", m -> "rate-limited".equals(m.get("code").asText()), WAIT);
        chair.send("doc-page", "page", 2);
        nr.await("doc-page", m -> m.get("page").asInt() == 2, WAIT);
        int relayed = nr.all("doc-pointer").size();
        assertTrue(relayed >= 20 && relayed < 60, "a burst of 20 and what the rate refills, not all 60: " + relayed);
        assertFalse(chair.isClosed());
    }
}
