package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.room.RoomStateTest.APPLICANT;
import static org.liandong.room.RoomStateTest.CHAIR;
import static org.liandong.room.RoomStateTest.NR_OFFICIAL;
import static org.liandong.room.RoomStateTest.OBSERVER;
import static org.liandong.room.RoomStateTest.T0;
import static org.liandong.room.RoomStateTest.errorOf;
import static org.liandong.room.RoomStateTest.sent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liandong.room.protocol.Command;
import org.liandong.room.protocol.Message;
import org.liandong.room.state.Effect;
import org.liandong.room.state.ErrorCode;
import org.liandong.room.state.Phase;
import org.liandong.room.state.RoomState;
import org.liandong.session.Admission;

/** The room's shared document: who may show it, who sees it, where late joiners land. No I/O. */
class SharedDocumentTest {

    static final Message.Material SITE_PLAN =
            new Message.Material(42, 7, "总平面布置图", 2, "site-plan.pdf", "application/pdf", "ab".repeat(32));

    RoomState room =
            new RoomState(Phase.OPEN, List.of(RoomStateTest.DRC, RoomStateTest.NR), "mesh", 6, Duration.ofSeconds(30));

    String join(Admission a) {
        return room.join(a, "c-" + a.username(), List.of(), T0).peer();
    }

    List<Effect> open(String peer, int page) {
        return room.openDocument(peer, new Command.DocOpen(SITE_PLAN.fileId(), page, 1.0), SITE_PLAN);
    }

    static List<String> recipients(List<Effect> effects, Class<?> type) {
        return effects.stream()
                .filter(e -> e instanceof Effect.Send s && type.isInstance(s.message()))
                .flatMap(e -> ((Effect.Send) e).to().stream())
                .toList();
    }

    static Message.Welcome welcome(RoomState.Joined j) {
        return sent(j.effects(), j.peer(), Message.Welcome.class).get(0);
    }

    @Test
    void theChairOpensAMaterialAndEveryMemberButTheLobbySeesTheSamePage() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        String applicant = join(APPLICANT); // waits in the lobby
        String observer = join(OBSERVER);

        List<Effect> opened = open(chair, 3);
        assertEquals(List.of(chair, nr, observer), recipients(opened, Message.DocState.class));
        Message.DocState doc = sent(opened, nr, Message.DocState.class).get(0);
        assertEquals(SITE_PLAN, doc.doc().material());
        assertEquals(3, doc.doc().page());

        List<Effect> turned = room.handle(chair, new Command.DocPage(4, 1.5), T0);
        assertEquals(List.of(chair, nr, observer), recipients(turned, Message.DocPage.class));
        assertEquals(
                new Message.DocPage(4, 1.5, chair),
                sent(turned, nr, Message.DocPage.class).get(0));
        assertTrue(
                recipients(turned, Object.class).stream().noneMatch(applicant::equals),
                "the lobby hears nothing of the document");
    }

    @Test
    void lateJoinersAndResumedSeatsLandOnTheCurrentPageButTheLobbyGetsNoDocument() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        open(chair, 1);
        room.handle(chair, new Command.DocPage(3, 1.25), T0);

        RoomState.Joined late = room.join(OBSERVER, "c-observer", List.of(), T0);
        Message.Doc doc = welcome(late).room().doc();
        assertEquals(3, doc.page());
        assertEquals(1.25, doc.zoom());
        assertEquals(SITE_PLAN.fileId(), doc.material().fileId());

        room.disconnected(nr, "c-city.nr", T0.plusSeconds(1));
        RoomState.Joined resumed = room.join(NR_OFFICIAL, "c-nr-2", List.of(), T0.plusSeconds(5));
        assertTrue(welcome(resumed).resumed());
        assertEquals(3, welcome(resumed).room().doc().page());

        RoomState.Joined lobby = room.join(APPLICANT, "c-applicant", List.of(), T0);
        assertNull(welcome(lobby).room().doc(), "the lobby's welcome carries no document");
    }

    @Test
    void onlyThePresenterMayOpenTurnPointOrClose() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        assertEquals(ErrorCode.NOT_PRESENTER, errorOf(open(nr, 1)));
        assertEquals(ErrorCode.NO_DOCUMENT, errorOf(room.handle(chair, new Command.DocPage(2, null), T0)));
        open(chair, 1);
        assertEquals(ErrorCode.NOT_PRESENTER, errorOf(room.handle(nr, new Command.DocPage(2, null), T0)));
        assertEquals(
                ErrorCode.NOT_PRESENTER,
                errorOf(room.handle(nr, new Command.DocPointer(new Message.Rect(0, 0, 0.5, 0.5)), T0)));
        assertEquals(ErrorCode.NOT_PRESENTER, errorOf(room.handle(nr, new Command.DocClose(), T0)));
        assertEquals(ErrorCode.NOT_CHAIR, errorOf(room.handle(nr, new Command.Present(nr), T0)));
        assertEquals(1, room.openDocumentPage());
    }

    @Test
    void aFileThatIsNotAnAcceptedMaterialOfThisProjectIsRefused() {
        String chair = join(CHAIR);
        join(NR_OFFICIAL);
        List<Effect> refused = room.openDocument(chair, new Command.DocOpen(99, 1, 1), null);
        assertEquals(ErrorCode.UNKNOWN_MATERIAL, errorOf(refused));
        assertEquals(0, room.openDocumentPage());
    }

    @Test
    void theChairHandsPresentingToTheAdmittedApplicantWhoLosesItAndTheDocumentWhenExcused() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        String applicant = join(APPLICANT);
        assertEquals(
                ErrorCode.UNKNOWN_PEER,
                errorOf(room.handle(chair, new Command.Present(applicant), T0)),
                "not from the lobby");
        List<Effect> admitted = room.handle(chair, new Command.Admit(applicant), T0);
        open(chair, 2);
        assertEquals(
                1,
                recipients(open(chair, 2), Message.DocState.class).stream()
                        .filter(applicant::equals)
                        .count());
        assertNull(
                sent(admitted, applicant, Message.Welcome.class).get(0).room().doc(), "nothing was open at admission");

        List<Effect> handed = room.handle(chair, new Command.Present(applicant), T0);
        assertEquals(List.of(chair, nr, applicant), recipients(handed, Message.Presenter.class));
        assertEquals(applicant, room.presenter());
        assertEquals(
                List.of(chair, nr, applicant),
                recipients(room.handle(applicant, new Command.DocPage(5, null), T0), Message.DocPage.class));
        assertEquals(
                ErrorCode.NOT_PRESENTER,
                errorOf(room.handle(chair, new Command.DocPage(6, null), T0)),
                "the chair handed it on");

        List<Effect> excused = room.handle(chair, new Command.Excuse(applicant), T0);
        assertEquals(List.of(chair, nr), recipients(excused, Message.Presenter.class));
        assertNull(sent(excused, chair, Message.Presenter.class).get(0).peer(), "presenting goes back to the chair");
        assertEquals(chair, room.presenter());
        assertEquals(ErrorCode.IN_LOBBY, errorOf(room.handle(applicant, new Command.DocPage(6, null), T0)));

        List<Effect> turned = room.handle(chair, new Command.DocPage(6, null), T0);
        assertEquals(
                List.of(chair, nr), recipients(turned, Message.DocPage.class), "an excused applicant gets no page");
        assertEquals(
                List.of(chair, nr),
                recipients(
                        room.handle(chair, new Command.DocPointer(new Message.Rect(0.1, 0.1, 0.2, 0.2)), T0),
                        Message.DocPointer.class));
        // Admitted again: the fresh welcome lands on the current page.
        List<Effect> back = room.handle(chair, new Command.Admit(applicant), T0);
        assertEquals(
                6,
                sent(back, applicant, Message.Welcome.class).get(0).room().doc().page());
    }

    @Test
    void aHandedPresenterWhoLeavesGivesPresentingBackToTheChair() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        room.handle(chair, new Command.Present(nr), T0);
        String observer = join(OBSERVER);
        assertEquals(ErrorCode.NOT_ALLOWED, errorOf(room.handle(chair, new Command.Present(observer), T0)));
        List<Effect> left = room.handle(nr, new Command.Leave(), T0);
        assertEquals(List.of(chair, observer), recipients(left, Message.Presenter.class));
        assertEquals(chair, room.presenter());
    }

    @Test
    void pointerMessagesAreRateLimitedAndAPageTurnClearsThePointer() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        open(chair, 1);
        Command.DocPointer at = new Command.DocPointer(new Message.Rect(0.25, 0.5, 0.1, 0.05));
        int relayed = 0;
        List<Effect> last = List.of();
        for (int i = 0; i < 40; i++) {
            last = room.handle(chair, at, T0);
            relayed += sent(last, nr, Message.DocPointer.class).size();
        }
        assertEquals(20, relayed, "a burst of 20, then refused");
        assertEquals(ErrorCode.RATE_LIMITED, errorOf(last));
        Instant later = T0.plusMillis(500);
        assertEquals(
                1,
                sent(room.handle(chair, at, later), nr, Message.DocPointer.class)
                        .size(),
                "tokens come back over time");
        assertEquals(
                at.rect(),
                room.join(OBSERVER, "c-o", List.of(), later).effects().stream()
                        .filter(e -> e instanceof Effect.Send s && s.message() instanceof Message.Welcome)
                        .map(e -> ((Message.Welcome) ((Effect.Send) e).message())
                                .room()
                                .doc()
                                .pointer())
                        .findFirst()
                        .orElseThrow());

        room.handle(chair, new Command.DocPage(2, null), later);
        RoomState.Joined again = room.join(OBSERVER, "c-o2", List.of(), later);
        assertNull(welcome(again).room().doc().pointer());
        List<Effect> closed = room.handle(chair, new Command.DocClose(), later);
        assertNull(sent(closed, nr, Message.DocState.class).get(0).doc());
    }

    @Test
    void decodeChecksEveryDocumentField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                new Command.DocOpen(5, 1, 1), Command.decode(json.readTree("{\"type\":\"doc-open\",\"fileId\":5}")));
        assertEquals(
                new Command.DocPage(3, 2.0),
                Command.decode(json.readTree("{\"type\":\"doc-page\",\"page\":3,\"zoom\":2}")));
        assertEquals(
                new Command.DocPointer(null),
                Command.decode(json.readTree("{\"type\":\"doc-pointer\",\"rect\":null}")));
        assertEquals(new Command.Present(null), Command.decode(json.readTree("{\"type\":\"present\"}")));
        for (String bad : List.of(
                "{\"type\":\"doc-open\",\"fileId\":\"5\"}",
                "{\"type\":\"doc-open\",\"fileId\":0}",
                "{\"type\":\"doc-open\",\"fileId\":5,\"page\":0}",
                "{\"type\":\"doc-page\"}",
                "{\"type\":\"doc-page\",\"page\":1.5}",
                "{\"type\":\"doc-page\",\"page\":-3}",
                "{\"type\":\"doc-page\",\"page\":2,\"zoom\":9}",
                "{\"type\":\"doc-page\",\"page\":2,\"zoom\":\"big\"}",
                "{\"type\":\"doc-pointer\",\"rect\":{\"x\":0.9,\"y\":0,\"w\":0.2,\"h\":0.1}}",
                "{\"type\":\"doc-pointer\",\"rect\":{\"x\":0,\"y\":0,\"w\":0,\"h\":0.1}}",
                "{\"type\":\"doc-pointer\",\"rect\":{\"x\":-1,\"y\":0,\"w\":0.1,\"h\":0.1}}",
                "{\"type\":\"doc-pointer\",\"rect\":[0,0,1,1]}",
                "{\"type\":\"present\",\"peer\":5}")) {
            Command.Invalid refused =
                    assertThrows(Command.Invalid.class, () -> Command.decode(json.readTree(bad)), bad);
            assertEquals(ErrorCode.BAD_FIELD, refused.code(), bad);
        }
        assertNotNull(Command.decode(json.readTree("{\"type\":\"doc-close\"}")));
    }
}
