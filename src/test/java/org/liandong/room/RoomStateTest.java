package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liandong.room.protocol.Command;
import org.liandong.room.protocol.Message;
import org.liandong.room.state.DepartmentRef;
import org.liandong.room.state.Effect;
import org.liandong.room.state.ErrorCode;
import org.liandong.room.state.Phase;
import org.liandong.room.state.RoomState;
import org.liandong.session.Admission;
import org.liandong.session.LeaveReason;
import org.liandong.session.SessionRole;

/** The room's rules, without sockets or a database: every call is checked by what it returns. */
public class RoomStateTest {

    public static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");
    static final DepartmentRef DRC = new DepartmentRef(10, "DRC", "发改委", "DRC");
    static final DepartmentRef NR = new DepartmentRef(11, "NR", "自然资源局", "Natural Resources");

    RoomState room = new RoomState(Phase.OPEN, List.of(DRC, NR), "mesh", 2, Duration.ofSeconds(30));

    /** An admission to session 1 valid from ten minutes before {@link #T0} for two hours. */
    public static Admission seat(long id, String name, SessionRole role, DepartmentRef d) {
        return new Admission(
                1,
                id,
                name,
                name,
                role,
                d == null ? null : d.id(),
                d == null ? null : d.code(),
                d == null ? null : d.nameZh(),
                d == null ? null : d.nameEn(),
                T0.minusSeconds(600),
                T0.plusSeconds(7200));
    }

    static final Admission CHAIR = seat(1, "chair", SessionRole.CHAIR, DRC);
    static final Admission NR_OFFICIAL = seat(2, "city.nr", SessionRole.OFFICIAL, NR);
    static final Admission APPLICANT = seat(3, "applicant", SessionRole.APPLICANT, null);
    static final Admission OBSERVER = seat(4, "observer", SessionRole.OBSERVER, null);

    String join(Admission a) {
        return room.join(a, "c-" + a.username(), List.of(), T0).peer();
    }

    static <T> List<T> sent(List<Effect> effects, String to, Class<T> type) {
        return effects.stream()
                .filter(e -> e instanceof Effect.Send s && s.to().contains(to) && type.isInstance(s.message()))
                .map(e -> type.cast(((Effect.Send) e).message()))
                .toList();
    }

    static ErrorCode errorOf(List<Effect> effects) {
        assertEquals(1, effects.size(), "a refusal is one error and nothing else: " + effects);
        Message.Error e = (Message.Error) ((Effect.Send) effects.get(0)).message();
        return java.util.Arrays.stream(ErrorCode.values())
                .filter(c -> c.code().equals(e.code()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void welcomeTellsRolePeersAndMediaModeAndOthersHearOfTheNewcomer() {
        String chair = join(CHAIR);
        RoomState.Joined j = room.join(NR_OFFICIAL, "c2", List.of(), T0);
        Message.Welcome w = sent(j.effects(), j.peer(), Message.Welcome.class).get(0);
        assertEquals("OFFICIAL", w.role());
        assertEquals("mesh", w.mediaMode());
        assertEquals(chair, w.room().chair());
        assertEquals(
                List.of(chair), w.room().peers().stream().map(Message.Peer::id).toList());
        assertEquals(1, sent(j.effects(), chair, Message.PeerJoined.class).size());
        assertTrue(j.effects().stream()
                .anyMatch(e -> e instanceof Effect.RecordJoin r && r.admission() == NR_OFFICIAL));
    }

    @Test
    void applicantWaitsInLobbyUntilAdmittedAndIsExcusedBack() {
        String chair = join(CHAIR);
        String applicant = join(APPLICANT);
        assertTrue(room.inLobby(applicant));
        // From the lobby nothing but leaving is allowed.
        assertEquals(ErrorCode.IN_LOBBY, errorOf(room.handle(applicant, new Command.Chat("hello"), T0)));

        List<Effect> admitted = room.handle(chair, new Command.Admit(applicant), T0);
        assertFalse(room.inLobby(applicant));
        assertEquals(1, sent(admitted, applicant, Message.Admitted.class).size());
        assertEquals(1, sent(admitted, chair, Message.PeerJoined.class).size());

        List<Effect> excused = room.handle(chair, new Command.Excuse(applicant), T0);
        assertTrue(room.inLobby(applicant));
        assertEquals(1, sent(excused, applicant, Message.Excused.class).size());
        assertEquals(
                "excused", sent(excused, chair, Message.PeerLeft.class).get(0).reason());
    }

    static List<Effect.Media> media(List<Effect> effects) {
        return effects.stream()
                .filter(e -> e instanceof Effect.Media)
                .map(e -> (Effect.Media) e)
                .toList();
    }

    /**
     * A room taken over from another node's snapshot: each seat that had published is re-published
     * once, when it comes back into the room (resumed join, or admission from the lobby), after its
     * welcome; a later reconnect (same node) is not.
     */
    @Test
    void aTakenOverRoomRepublishesEachPublishedSeatOnceWhenItComesBack() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        String applicant = join(APPLICANT);
        room.handle(chair, new Command.Admit(applicant), T0);
        room.handle(chair, new Command.Excuse(applicant), T0); // published, now in the lobby
        RoomState.Snapshot snapshot = room.snapshot(T0).withMedia("ws://janus:8188 42");

        RoomState taken = new RoomState(Phase.OPEN, List.of(DRC, NR), "sfu", 2, Duration.ofSeconds(30));
        taken.restore(snapshot, T0.plusSeconds(4));
        assertEquals("ws://janus:8188 42", snapshot.media());

        RoomState.Joined c = taken.join(CHAIR, "c9", List.of(), T0.plusSeconds(5));
        assertEquals(chair, c.peer());
        assertEquals(List.of(new Effect.Republish(chair, "chair", false)), media(c.effects()));
        int welcome = indexOf(c.effects(), Message.Welcome.class);
        int republish = c.effects().indexOf(new Effect.Republish(chair, "chair", false));
        assertTrue(welcome >= 0 && welcome < republish, "the welcome goes first: " + c.effects());

        RoomState.Joined again = taken.join(CHAIR, "c10", List.of(), T0.plusSeconds(6));
        assertEquals(List.of(), media(again.effects()), "a reconnect to the same node: no reset");

        assertEquals(
                List.of(new Effect.Republish(nr, "city.nr", false)),
                media(taken.join(NR_OFFICIAL, "c11", List.of(), T0.plusSeconds(6))
                        .effects()));
        assertEquals(
                List.of(),
                media(taken.join(APPLICANT, "c12", List.of(), T0.plusSeconds(6)).effects()),
                "back into the lobby: nothing to publish yet");
        assertEquals(
                List.of(new Effect.Republish(applicant, "applicant", false)),
                media(taken.handle(chair, new Command.Admit(applicant), T0.plusSeconds(7))),
                "admitted on the new node: its media is re-created, not resumed");
        assertEquals(
                List.of(new Effect.PauseSubscription(applicant)),
                media(taken.handle(chair, new Command.Excuse(applicant), T0.plusSeconds(8))));
        assertEquals(
                List.of(new Effect.ResumeSubscription(applicant)),
                media(taken.handle(chair, new Command.Admit(applicant), T0.plusSeconds(9))),
                "once only");
    }

    private static int indexOf(List<Effect> effects, Class<?> message) {
        for (int i = 0; i < effects.size(); i++) {
            if (effects.get(i) instanceof Effect.Send s && message.isInstance(s.message())) {
                return i;
            }
        }
        return -1;
    }

    /** The room tells the media server each decision once; the mesh backend ignores them. */
    @Test
    void everyMediaDecisionComesOutAsOneExplicitEffect() {
        RoomState.Joined c = room.join(CHAIR, "c1", List.of(), T0);
        String chair = c.peer();
        assertEquals(List.of(new Effect.Publish(chair, "chair")), media(c.effects()));
        RoomState.Joined a = room.join(APPLICANT, "c3", List.of(), T0);
        assertEquals(List.of(), media(a.effects()), "the lobby publishes nothing");
        String applicant = a.peer();

        assertEquals(
                List.of(new Effect.Publish(applicant, "applicant")),
                media(room.handle(chair, new Command.Admit(applicant), T0)),
                "first admission publishes");
        assertEquals(
                List.of(new Effect.PauseSubscription(applicant)),
                media(room.handle(chair, new Command.Excuse(applicant), T0)));
        assertEquals(
                List.of(new Effect.ResumeSubscription(applicant)),
                media(room.handle(chair, new Command.Admit(applicant), T0)),
                "admitted again: resumed, not published twice");

        assertEquals(List.of(new Effect.Mute(applicant)), media(room.handle(chair, new Command.Mute(applicant), T0)));
        assertEquals(
                List.of(),
                media(room.handle(applicant, new Command.Media(false, true, false), T0)),
                "complying with the mute changes nothing in the media server");
        assertEquals(
                List.of(new Effect.Unmute(applicant)),
                media(room.handle(applicant, new Command.Media(true, true, false), T0)),
                "unmuting is heard again");
        assertEquals(
                List.of(),
                media(room.handle(applicant, new Command.Media(true, false, false), T0)),
                "only the first unmute after a mute moderates");

        room.handle(chair, new Command.Excuse(applicant), T0);
        assertEquals(
                List.of(new Effect.Kick(applicant)),
                media(room.handle(applicant, new Command.Leave(), T0)),
                "a seat known to the media server leaves it even from the lobby");
        RoomState.Joined b = room.join(seat(5, "applicant2", SessionRole.APPLICANT, null), "c5", List.of(), T0);
        assertEquals(
                List.of(), media(room.handle(b.peer(), new Command.Leave(), T0)), "never published, nothing to kick");
        assertEquals(List.of(new Effect.Kick(chair)), media(room.end(T0)));
    }

    @Test
    void quorumNeedsAnOfficialOfEveryRequiredDepartmentBeforeTheChairCanStart() {
        String chair = join(CHAIR);
        assertEquals(ErrorCode.QUORUM_NOT_MET, errorOf(room.handle(chair, new Command.Start(), T0)));
        assertEquals(
                List.of("NR"),
                room.quorum().missing().stream().map(Message.Department::code).toList());

        RoomState.Joined nr = room.join(NR_OFFICIAL, "c2", List.of(), T0);
        assertTrue(sent(nr.effects(), chair, Message.QuorumState.class)
                .get(0)
                .quorum()
                .met());
        List<Effect> start = room.handle(chair, new Command.Start(), T0);
        Effect.StartSession s = (Effect.StartSession) start.get(0);
        assertEquals(java.util.Set.of(10L, 11L), s.presentDepartments());
        assertEquals("chair", s.actor());
        room.started();
        assertEquals(Phase.IN_PROGRESS, room.phase());
        assertEquals(ErrorCode.WRONG_PHASE, errorOf(room.handle(chair, new Command.Start(), T0)));
    }

    @Test
    void handsQueueInOrderOfRaising() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        String obs = join(OBSERVER);
        room.handle(nr, new Command.Hand(true), T0);
        room.handle(obs, new Command.Hand(true), T0);
        room.handle(chair, new Command.Hand(true), T0);
        assertEquals(List.of(nr, obs, chair), room.hands());
        List<Effect> lowered = room.handle(obs, new Command.Hand(false), T0);
        assertEquals(
                List.of(nr, chair),
                sent(lowered, chair, Message.Hands.class).get(0).queue());
        assertTrue(room.handle(obs, new Command.Hand(false), T0).isEmpty(), "lowering twice changes nothing");
    }

    @Test
    void chairActionsFromOthersAreRefusedAndChangeNothing() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        for (Command c : List.of(
                new Command.Mute(chair),
                new Command.MuteAll(),
                new Command.Remove(chair),
                new Command.PassChair(nr),
                new Command.Agenda(2),
                new Command.Start(),
                new Command.Floor(nr))) {
            assertEquals(ErrorCode.NOT_CHAIR, errorOf(room.handle(nr, c, T0)), c.toString());
        }
        assertEquals(chair, room.chair());
        List<Effect> passed = room.handle(chair, new Command.PassChair(nr), T0);
        assertEquals(nr, sent(passed, chair, Message.Chair.class).get(0).peer());
        assertEquals(nr, room.chair());
    }

    @Test
    void relayGoesToExactlyOnePeerUntouchedAndNeverOutsideTheRoom() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        String applicant = join(APPLICANT);
        List<Effect> relayed = room.handle(chair, new Command.Relay("offer", nr, "{\"sdp\":\"v=0\"}"), T0);
        Effect.Send s = (Effect.Send) relayed.get(0);
        assertEquals(List.of(nr), s.to());
        Message.Relay r = (Message.Relay) s.message();
        assertEquals(chair, r.from());
        assertEquals("{\"sdp\":\"v=0\"}", r.data());
        assertEquals(ErrorCode.UNKNOWN_PEER, errorOf(room.handle(chair, new Command.Relay("offer", "p99", "{}"), T0)));
        assertEquals(
                ErrorCode.UNKNOWN_PEER, errorOf(room.handle(chair, new Command.Relay("offer", applicant, "{}"), T0)));
    }

    @Test
    void droppedChairResumesWithinGraceWithSameSeatAndChair() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        List<Effect> away = room.disconnected(chair, "c-chair", T0.plusSeconds(1));
        assertEquals(1, sent(away, nr, Message.PeerAway.class).size());
        assertTrue(room.expire(T0.plusSeconds(20)).isEmpty());

        RoomState.Joined back = room.join(CHAIR, "c-chair-2", List.of(), T0.plusSeconds(25));
        assertEquals(chair, back.peer());
        Message.Welcome w = sent(back.effects(), chair, Message.Welcome.class).get(0);
        assertTrue(w.resumed());
        assertTrue(w.chair());
        assertEquals(1, sent(back.effects(), nr, Message.PeerBack.class).size());
        assertTrue(away.stream().anyMatch(e -> e instanceof Effect.RecordLeave l && l.reason() == LeaveReason.DROPPED));
        assertTrue(
                back.effects().stream()
                        .anyMatch(e -> e instanceof Effect.RecordJoin r && r.at().equals(T0.plusSeconds(25))),
                "the resume is recorded; attendance merges it into the same entry with the gap");
        assertEquals("c-chair-2", room.connectionOf(chair));
        // The old connection closing late changes nothing.
        assertTrue(room.disconnected(chair, "c-chair", T0.plusSeconds(26)).isEmpty());
    }

    @Test
    void seatNotResumedWithinGraceIsDroppedAndRecorded() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        assertTrue(room.disconnected(nr, "c-city.nr", T0).stream()
                .anyMatch(e ->
                        e instanceof Effect.RecordLeave l && l.reason() == LeaveReason.DROPPED && l.at().equals(T0)));
        List<Effect> expired = room.expire(T0.plusSeconds(30));
        assertFalse(
                expired.stream().anyMatch(e -> e instanceof Effect.RecordLeave), "already recorded when it dropped");
        assertEquals(
                "dropped", sent(expired, chair, Message.PeerLeft.class).get(0).reason());
        assertFalse(room.quorum().met());
    }

    @Test
    void aSecondConnectionOfTheSamePersonReplacesTheFirst() {
        String nr = join(NR_OFFICIAL);
        RoomState.Joined again = room.join(NR_OFFICIAL, "tab-2", List.of(), T0);
        assertEquals(nr, again.peer());
        assertTrue(again.effects().stream()
                .anyMatch(e -> e instanceof Effect.Close c && c.connection().equals("c-city.nr")));
    }

    @Test
    void videoPublishersAreCappedAndTheFloorGivesOneMoreSlot() {
        Admission a = seat(5, "a", SessionRole.OFFICIAL, NR);
        Admission b = seat(6, "b", SessionRole.OFFICIAL, NR);
        String chair = join(CHAIR);
        String pa = join(a);
        String pb = join(b);
        assertEquals(ErrorCode.VIDEO_NOT_ALLOWED, errorOf(room.handle(pb, new Command.Media(true, true, false), T0)));
        assertEquals(
                1, room.handle(pb, new Command.Media(true, false, false), T0).size(), "audio is always fine");
        List<Effect> floor = room.handle(chair, new Command.Floor(pb), T0);
        assertTrue(sent(floor, pa, Message.Video.class).get(0).allowed());
        assertEquals(
                1, room.handle(pb, new Command.Media(true, true, false), T0).size());
        assertEquals(
                ErrorCode.NOT_ALLOWED, errorOf(room.handle(join(OBSERVER), new Command.Media(true, false, false), T0)));
    }

    @Test
    void removedOrWithdrawnPeopleAreClosedRecordedAndCannotComeBack() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        List<Effect> removed = room.handle(chair, new Command.Remove(nr), T0);
        assertEquals(1, sent(removed, nr, Message.Removed.class).size());
        assertTrue(removed.stream().anyMatch(e -> e instanceof Effect.Close));
        assertTrue(removed.stream()
                .anyMatch(e -> e instanceof Effect.RecordLeave l && l.reason() == LeaveReason.REMOVED));
        Command.Invalid refused = assertThrows(Command.Invalid.class, () -> join(NR_OFFICIAL));
        assertEquals(ErrorCode.NOT_ALLOWED, refused.code());

        String applicant = join(APPLICANT);
        List<Effect> withdrawn = room.withdraw(APPLICANT.personId(), T0);
        assertTrue(withdrawn.stream()
                .anyMatch(e -> e instanceof Effect.Close c && c.peer().equals(applicant)));
        // A withdrawn link is refused at the door (JoinTokenService); a new invitation may enter again.
    }

    @Test
    void aRemovalIsStoredAndARemovedApplicantOnlyEverReturnsToTheLobby() {
        String chair = join(CHAIR);
        String applicant = join(APPLICANT);
        room.handle(chair, new Command.Admit(applicant), T0);
        List<Effect> removed = room.handle(chair, new Command.Remove(applicant), T0);
        assertTrue(removed.stream().anyMatch(e -> e instanceof Effect.RecordRemoval r && r.admission() == APPLICANT));
        String back = join(APPLICANT);
        assertTrue(room.inLobby(back), "the applicant side waits in the lobby; only the chair can admit them again");

        // A room opened afresh (restart, or emptied and re-created) gets the stored list.
        RoomState fresh = new RoomState(Phase.IN_PROGRESS, List.of(DRC, NR), "mesh", 2, Duration.ofSeconds(30));
        fresh.restoreRemoved(java.util.Set.of(NR_OFFICIAL.personId()));
        assertEquals(
                ErrorCode.NOT_ALLOWED,
                assertThrows(Command.Invalid.class, () -> fresh.join(NR_OFFICIAL, "c", List.of(), T0))
                        .code());
    }

    static List<String> chatTexts(List<Effect> effects, String to) {
        return sent(effects, to, Message.Welcome.class).get(0).room().chat().stream()
                .map(Message.ChatLine::text)
                .toList();
    }

    @Test
    void theApplicantSideNeverReadsChatSaidWhileTheyWereNotInTheRoom() {
        String chair = join(CHAIR);
        String nr = join(NR_OFFICIAL);
        room.handle(chair, new Command.Chat("before anyone came"), T0);
        String applicant = join(APPLICANT);
        room.handle(nr, new Command.Chat("said while the applicant waits in the lobby"), T0);
        List<Effect> admitted = room.handle(chair, new Command.Admit(applicant), T0);
        assertEquals(List.of(), chatTexts(admitted, applicant), "the lobby's welcome-on-admit carries no earlier chat");

        room.handle(chair, new Command.Chat("welcome, please present"), T0);
        room.handle(chair, new Command.Excuse(applicant), T0);
        List<Effect> deliberation = room.handle(nr, new Command.Chat("deliberation: we should refuse"), T0);
        assertTrue(sent(deliberation, applicant, Message.Chat.class).isEmpty());
        List<Effect> readmitted = room.handle(chair, new Command.Admit(applicant), T0);
        assertEquals(List.of("welcome, please present"), chatTexts(readmitted, applicant));

        // A resume (dropped and back) hands out the same filtered tail; officials read everything.
        room.disconnected(applicant, "c-applicant", T0);
        List<Effect> resumed = room.join(APPLICANT, "c-applicant-2", List.of(), T0.plusSeconds(5))
                .effects();
        assertEquals(List.of("welcome, please present"), chatTexts(resumed, applicant));
        List<Effect> officialBack =
                room.join(NR_OFFICIAL, "c-nr-2", List.of(), T0).effects();
        assertEquals(
                List.of(
                        "before anyone came",
                        "said while the applicant waits in the lobby",
                        "welcome, please present",
                        "deliberation: we should refuse"),
                chatTexts(officialBack, nr));
    }

    @Test
    void endingTheSessionClosesEveryoneWithSessionEnded() {
        join(CHAIR);
        join(NR_OFFICIAL);
        List<Effect> ended = room.end(T0);
        assertEquals(
                2,
                ended.stream()
                        .filter(e -> e instanceof Effect.RecordLeave l && l.reason() == LeaveReason.SESSION_ENDED)
                        .count());
        assertTrue(room.isEmpty());
        assertThrows(Command.Invalid.class, () -> join(CHAIR));
    }
}
