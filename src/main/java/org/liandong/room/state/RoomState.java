package org.liandong.room.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.liandong.room.media.IceServer;
import org.liandong.room.protocol.Command;
import org.liandong.room.protocol.Message;
import org.liandong.session.Admission;
import org.liandong.session.LeaveReason;
import org.liandong.session.SessionRole;

/**
 * The live state of one review room: seats, lobby, chair, hand queue, media flags, video floor,
 * agenda step, quorum and chat. A plain object with no I/O (after jicofo's SourceSignaling): every
 * method returns the {@link Effect}s the transport must carry out. Not thread-safe: the owner holds
 * one lock per room around every call.
 *
 * <p>Lifecycle of a seat: {@link #join} (in the room, or in the lobby for the enterprise side) →
 * optionally {@link #disconnected} (held for the grace period, then dropped by {@link #expire}) or
 * resumed by the same person joining again → given up by a {@code leave}, removal or {@link #end}.
 * A seat keeps its peer id, role and chair for its whole life, so a reconnecting chair stays chair.
 */
public final class RoomState {

    /** Result of a join: the peer id given to the connection, and what to send. */
    public record Joined(String peer, List<Effect> effects) {}

    private static final int CHAT_KEPT = 50;

    private final Map<Long, DepartmentRef> required;
    private final String mediaMode;
    private final int publisherCap;
    private final Duration grace;
    private final Map<String, PeerSeat> seats = new LinkedHashMap<>();
    private final Set<String> hands = new LinkedHashSet<>();
    private final Deque<ChatVisibility.Entry> chat = new ArrayDeque<>();
    private final Set<Long> removedPeople = new HashSet<>();
    private Phase phase;
    private String chair;
    private String floor;
    private int agenda;
    private int nextPeer = 1;
    private Message.Quorum lastQuorum;
    private final SharedDocument document = new SharedDocument();

    public RoomState(
            Phase phase, List<DepartmentRef> requiredDepartments, String mediaMode, int publisherCap, Duration grace) {
        this.phase = Objects.requireNonNull(phase);
        this.required = new LinkedHashMap<>();
        requiredDepartments.forEach(d -> required.put(d.id(), d));
        this.mediaMode = mediaMode;
        this.publisherCap = publisherCap;
        this.grace = grace;
        this.lastQuorum = quorum();
    }

    /** One occupied seat. Mutable, private to the room. */
    private static final class PeerSeat {
        final String id;
        final Admission admission;
        String connection;
        boolean lobby;
        Instant awaySince;
        boolean mic;
        boolean camera;
        boolean screen;
        boolean video;
        /** Whether the media server knows this seat (it entered the room once). */
        boolean published;
        /** Muted by the chair and not yet turned the microphone on again. */
        boolean mutedByChair;
        /**
         * Restored from another node's snapshot while published: its media went with that node's
         * media server room, so its next entry into the room re-creates it ({@link Effect.Republish}).
         */
        boolean mediaLost;

        PeerSeat(String id, Admission admission, String connection) {
            this.id = id;
            this.admission = admission;
            this.connection = connection;
        }

        boolean inRoom() {
            return !lobby;
        }

        boolean present() {
            return awaySince == null;
        }
    }

    // ---- membership -----------------------------------------------------------------------

    /**
     * A connection of an admitted person arrives. The same person's held seat (dropped within the
     * grace period, or still open in another tab) is resumed with its peer id, role and chair; the
     * older connection, if any, is closed.
     *
     * @throws Command.Invalid when the person was removed from this room or the session has ended
     */
    public Joined join(Admission admission, String connection, List<IceServer> iceServers, Instant now) {
        if (phase == Phase.ENDED) {
            throw new Command.Invalid(ErrorCode.WRONG_PHASE, "the session has ended");
        }
        // A removed department seat or observer stays out; the applicant side always starts in the
        // lobby anyway, where only the chair can let them back in.
        if (removedPeople.contains(admission.personId()) && !admission.role().isParty()) {
            throw new Command.Invalid(ErrorCode.NOT_ALLOWED, "the chair removed you from this session");
        }
        List<Effect> effects = new ArrayList<>();
        PeerSeat held = seats.values().stream()
                .filter(p -> p.admission.personId() == admission.personId())
                .findFirst()
                .orElse(null);
        if (held != null && !asAdmitted(held.admission, admission)) {
            // Admitted as something else now (withdrawn and invited again in another role, or a seat
            // restored from a snapshot that no longer matches): the old seat goes, and the person is
            // seated fresh as the door admitted them. A snapshot never grants a role.
            if (held.present()) {
                effects.add(new Effect.Close(held.id, held.connection, Effect.Why.REPLACED, "admitted anew"));
            }
            effects.addAll(vacate(held, LeaveReason.REMOVED, now));
            held = null;
        }
        if (held != null) {
            if (held.present()) {
                effects.add(new Effect.Close(
                        held.id, held.connection, Effect.Why.REPLACED, "replaced by a newer connection"));
            } else {
                // Back within the grace period: attendance continues the same entry, keeping the gap.
                effects.add(new Effect.RecordJoin(admission, now));
            }
            held.connection = connection;
            held.awaySince = null;
            effects.add(send(held.id, welcome(held, true, iceServers)));
            if (held.inRoom() && held.mediaLost) {
                effects.add(republish(held)); // after the welcome: the client re-publishes on the new media
            }
            if (held.inRoom()) {
                effects.add(new Effect.Send(others(held.id, PeerSeat::inRoom), new Message.PeerBack(view(held))));
            } else {
                effects.add(lobbyNotice());
            }
            effects.addAll(quorumIfChanged());
            return new Joined(held.id, effects);
        }
        PeerSeat peer = new PeerSeat("p" + nextPeer++, admission, connection);
        peer.lobby = admission.role().isParty();
        if (admission.role() == SessionRole.CHAIR && chair == null) {
            chair = peer.id;
        }
        peer.video = peer.inRoom() && mayTakeVideoSlot(peer);
        seats.put(peer.id, peer);
        effects.add(new Effect.RecordJoin(admission, now));
        effects.add(send(peer.id, welcome(peer, false, iceServers)));
        if (peer.inRoom()) {
            effects.add(publish(peer));
            effects.add(new Effect.Send(others(peer.id, PeerSeat::inRoom), new Message.PeerJoined(view(peer))));
        } else {
            effects.add(lobbyNotice());
        }
        effects.addAll(quorumIfChanged());
        return new Joined(peer.id, effects);
    }

    /**
     * The socket of {@code connection} closed without a goodbye: hold the seat for the grace period.
     * A stale connection (already replaced by a newer one) changes nothing.
     */
    public List<Effect> disconnected(String peer, String connection, Instant now) {
        PeerSeat p = seats.get(peer);
        if (p == null || !connection.equals(p.connection) || !p.present()) {
            return List.of();
        }
        p.awaySince = now;
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.RecordLeave(p.admission, LeaveReason.DROPPED, now));
        if (p.inRoom()) {
            effects.add(new Effect.Send(others(peer, PeerSeat::inRoom), new Message.PeerAway(peer)));
        } else {
            effects.add(lobbyNotice());
        }
        effects.addAll(quorumIfChanged());
        return effects;
    }

    /** Seats held longer than the grace period are given up as dropped. Call about once a second. */
    public List<Effect> expire(Instant now) {
        List<Effect> effects = new ArrayList<>();
        for (PeerSeat p : List.copyOf(seats.values())) {
            if (p.awaySince != null && !now.isBefore(p.awaySince.plus(grace))) {
                effects.addAll(vacate(p, LeaveReason.DROPPED, now).stream()
                        .filter(e -> !(e instanceof Effect.RecordLeave))
                        .toList()); // recorded at the drop
            }
        }
        return effects;
    }

    /** When the seats held for a drop run out, or null if none is held. */
    public Instant nextExpiry() {
        return seats.values().stream()
                .map(p -> p.awaySince)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .map(t -> t.plus(grace))
                .orElse(null);
    }

    /**
     * People the chair removed earlier in this session (stored with the session), for a room opened
     * afresh after a restart or after it emptied.
     */
    public void restoreRemoved(Collection<Long> personIds) {
        removedPeople.addAll(personIds);
    }

    /**
     * A person's invitation was withdrawn: out at once, not at token expiry. The door refuses the
     * withdrawn link from now on (it names the invitation), while a new invitation may enter.
     */
    public List<Effect> withdraw(long personId, Instant now) {
        PeerSeat p = seats.values().stream()
                .filter(s -> s.admission.personId() == personId)
                .findFirst()
                .orElse(null);
        if (p == null) {
            return List.of();
        }
        List<Effect> effects = new ArrayList<>();
        effects.add(send(p.id, new Message.Removed("invitation withdrawn")));
        effects.add(new Effect.Close(p.id, p.connection, Effect.Why.REMOVED, "invitation withdrawn"));
        effects.addAll(vacate(p, LeaveReason.REMOVED, now));
        return effects;
    }

    /** The session concluded: everyone's attendance ends and the sockets close. */
    public List<Effect> end(Instant now) {
        phase = Phase.ENDED;
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Send(all(p -> true), new Message.PhaseChanged(phase.name())));
        for (PeerSeat p : List.copyOf(seats.values())) {
            effects.add(new Effect.Close(p.id, p.connection, Effect.Why.ENDED, "session ended"));
            effects.addAll(vacate(p, LeaveReason.SESSION_ENDED, now));
        }
        return effects;
    }

    /** The session was stored as started (after a {@link Effect.StartSession}). */
    public List<Effect> started() {
        phase = Phase.IN_PROGRESS;
        return List.of(new Effect.Send(all(p -> true), new Message.PhaseChanged(phase.name())));
    }

    // ---- commands -------------------------------------------------------------------------

    /**
     * One decoded message from {@code peer}. Refusals come back as a single {@code error} to the
     * sender and change nothing.
     */
    public List<Effect> handle(String peer, Command command, Instant now) {
        PeerSeat from = seats.get(peer);
        if (from == null) {
            return List.of();
        }
        try {
            return dispatch(from, command, now);
        } catch (Command.Invalid refused) {
            return List.of(error(peer, refused.code(), refused.getMessage(), null));
        }
    }

    /** An error for one peer, e.g. for a message that could not even be decoded. */
    public Effect error(String peer, ErrorCode code, String message, String ref) {
        return send(peer, new Message.Error(code.code(), message, ref));
    }

    private List<Effect> dispatch(PeerSeat from, Command command, Instant now) {
        if (command instanceof Command.Leave) {
            return vacate(from, LeaveReason.LEFT, now);
        }
        if (from.lobby) {
            throw new Command.Invalid(ErrorCode.IN_LOBBY, "wait until the chair admits you");
        }
        if (command instanceof Command.Relay r) {
            return relay(from, r);
        } else if (command instanceof Command.Media m) {
            return media(from, m);
        } else if (command instanceof Command.Hand h) {
            return hand(from, h);
        } else if (command instanceof Command.Chat c) {
            return chat(from, c, now);
        } else if (command instanceof Command.DocPage p) {
            return toRoom(document.turn(from.id, chair, p));
        } else if (command instanceof Command.DocPointer p) {
            return toRoom(document.point(from.id, chair, p, now));
        } else if (command instanceof Command.DocClose) {
            return toRoom(document.close(from.id, chair));
        } else if (command instanceof Command.DocOpen) {
            throw new IllegalArgumentException("doc-open needs its material resolved: call openDocument");
        }
        // Everything below is a chair action.
        PeerSeat chairSeat = chairOnly(from);
        if (command instanceof Command.Admit a) {
            return admit(chairSeat, a.peer());
        } else if (command instanceof Command.Excuse e) {
            return excuse(chairSeat, e.peer());
        } else if (command instanceof Command.Mute m) {
            return mute(chairSeat, List.of(inRoom(m.peer())));
        } else if (command instanceof Command.MuteAll) {
            return mute(
                    chairSeat,
                    seats.values().stream()
                            .filter(p -> p.inRoom() && p.present() && p != chairSeat)
                            .toList());
        } else if (command instanceof Command.Remove r) {
            return remove(chairSeat, r.peer(), now);
        } else if (command instanceof Command.PassChair c) {
            return passChair(chairSeat, c.peer());
        } else if (command instanceof Command.Floor f) {
            return floor(chairSeat, f.peer());
        } else if (command instanceof Command.Agenda a) {
            return agenda(chairSeat, a.step(), now);
        } else if (command instanceof Command.Start) {
            return start(chairSeat);
        } else if (command instanceof Command.Present p) {
            return present(p.peer());
        }
        throw new IllegalArgumentException("unhandled command " + command);
    }

    /**
     * {@code doc-open} from {@code peer}, after the transport looked the file up: {@code material}
     * is the accepted material version of this session's project, or null if the file is not one.
     * Refusals come back as one {@code error}, as for {@link #handle}.
     */
    public List<Effect> openDocument(String peer, Command.DocOpen open, Message.Material material) {
        PeerSeat from = seats.get(peer);
        if (from == null) {
            return List.of();
        }
        try {
            if (from.lobby) {
                throw new Command.Invalid(ErrorCode.IN_LOBBY, "wait until the chair admits you");
            }
            return toRoom(document.open(from.id, chair, material, open));
        } catch (Command.Invalid refused) {
            return List.of(error(peer, refused.code(), refused.getMessage(), "doc-open"));
        }
    }

    private List<Effect> present(String peer) {
        if (peer != null) {
            PeerSeat p = inRoom(peer);
            if (p.admission.role() == SessionRole.OBSERVER) {
                throw new Command.Invalid(ErrorCode.NOT_ALLOWED, "peer: observers do not present");
            }
        }
        return toRoom(document.handTo(peer));
    }

    /** A message for every member of the room (never the lobby); none for null. */
    private List<Effect> toRoom(Message message) {
        return message == null ? List.of() : List.of(new Effect.Send(all(PeerSeat::inRoom), message));
    }

    private List<Effect> relay(PeerSeat from, Command.Relay r) {
        PeerSeat to = seats.get(r.to());
        if (to == null || !to.inRoom() || !to.present() || to == from) {
            throw new Command.Invalid(ErrorCode.UNKNOWN_PEER, "to: no peer '" + r.to() + "' in the room");
        }
        return List.of(new Effect.Send(List.of(to.id), new Message.Relay(r.kind(), from.id, r.data())));
    }

    private List<Effect> media(PeerSeat from, Command.Media m) {
        if ((m.camera() || m.screen()) && !from.video) {
            throw new Command.Invalid(
                    ErrorCode.VIDEO_NOT_ALLOWED,
                    "the room is at its cap of " + publisherCap + " video publishers; ask the chair for the floor");
        }
        if ((m.mic() || m.camera() || m.screen()) && from.admission.role() == SessionRole.OBSERVER) {
            throw new Command.Invalid(ErrorCode.NOT_ALLOWED, "observers do not publish media");
        }
        List<Effect> effects = new ArrayList<>();
        if (m.mic() && from.mutedByChair) {
            from.mutedByChair = false;
            effects.add(new Effect.Unmute(from.id));
        }
        from.mic = m.mic();
        from.camera = m.camera();
        from.screen = m.screen();
        effects.add(
                new Effect.Send(all(PeerSeat::inRoom), new Message.Media(from.id, from.mic, from.camera, from.screen)));
        return effects;
    }

    private List<Effect> hand(PeerSeat from, Command.Hand h) {
        boolean changed = h.raised() ? hands.add(from.id) : hands.remove(from.id);
        return changed ? List.of(handsNotice()) : List.of();
    }

    private List<Effect> chat(PeerSeat from, Command.Chat c, Instant now) {
        Message.ChatLine line = new Message.ChatLine(from.id, from.admission.displayName(), c.text(), now);
        Set<Long> parties = new HashSet<>();
        seats.values().stream()
                .filter(p -> p.inRoom() && p.admission.role().isParty())
                .forEach(p -> parties.add(p.admission.personId()));
        chat.addLast(new ChatVisibility.Entry(line, parties));
        while (chat.size() > CHAT_KEPT) {
            chat.removeFirst();
        }
        return List.of(new Effect.Send(
                all(PeerSeat::inRoom), new Message.Chat(line.from(), line.name(), line.text(), line.at())));
    }

    private List<Effect> admit(PeerSeat chairSeat, String peer) {
        PeerSeat p = seats.get(peer);
        if (p == null || !p.lobby) {
            throw new Command.Invalid(ErrorCode.UNKNOWN_PEER, "peer: no '" + peer + "' in the lobby");
        }
        p.lobby = false;
        p.video = mayTakeVideoSlot(p);
        List<Effect> effects = new ArrayList<>();
        effects.add(send(p.id, new Message.Admitted()));
        effects.add(send(p.id, welcome(p, false, null)));
        effects.add(!p.published ? publish(p) : p.mediaLost ? republish(p) : new Effect.ResumeSubscription(p.id));
        effects.add(new Effect.Send(others(p.id, PeerSeat::inRoom), new Message.PeerJoined(view(p))));
        effects.add(lobbyNotice());
        return effects;
    }

    private List<Effect> excuse(PeerSeat chairSeat, String peer) {
        PeerSeat p = inRoom(peer);
        if (p == chairSeat) {
            throw new Command.Invalid(ErrorCode.NOT_ALLOWED, "peer: the chair cannot excuse themselves");
        }
        p.lobby = true;
        p.video = false;
        p.mic = p.camera = p.screen = false;
        if (p.id.equals(floor)) {
            floor = null;
        }
        List<Effect> effects = new ArrayList<>();
        effects.add(send(p.id, new Message.Excused()));
        effects.add(new Effect.PauseSubscription(p.id));
        effects.add(new Effect.Send(others(p.id, PeerSeat::inRoom), new Message.PeerLeft(p.id, "excused")));
        effects.addAll(toRoom(document.left(p.id)));
        if (hands.remove(p.id)) {
            effects.add(handsNotice());
        }
        effects.add(lobbyNotice());
        effects.addAll(quorumIfChanged());
        return effects;
    }

    private List<Effect> mute(PeerSeat chairSeat, List<PeerSeat> targets) {
        List<Effect> effects = new ArrayList<>();
        for (PeerSeat p : targets) {
            p.mic = false;
            p.mutedByChair = true;
            effects.add(send(p.id, new Message.Muted(chairSeat.id)));
            effects.add(new Effect.Mute(p.id));
            effects.add(new Effect.Send(all(PeerSeat::inRoom), new Message.Media(p.id, p.mic, p.camera, p.screen)));
        }
        return effects;
    }

    private List<Effect> remove(PeerSeat chairSeat, String peer, Instant now) {
        PeerSeat p = seats.get(peer);
        if (p == null || p == chairSeat) {
            throw new Command.Invalid(ErrorCode.UNKNOWN_PEER, "peer: no '" + peer + "' to remove");
        }
        removedPeople.add(p.admission.personId());
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.RecordRemoval(p.admission, chairSeat.admission.username(), now));
        effects.add(send(p.id, new Message.Removed("removed by the chair")));
        effects.add(new Effect.Close(p.id, p.connection, Effect.Why.REMOVED, "removed by the chair"));
        effects.addAll(vacate(p, LeaveReason.REMOVED, now));
        return effects;
    }

    private List<Effect> passChair(PeerSeat chairSeat, String peer) {
        PeerSeat p = inRoom(peer);
        if (!p.admission.role().representsDepartment() || p == chairSeat) {
            throw new Command.Invalid(ErrorCode.NOT_ALLOWED, "peer: only another official can take the chair");
        }
        chair = p.id;
        return List.of(new Effect.Send(all(PeerSeat::inRoom), new Message.Chair(chair)), lobbyNoticeTo(List.of(chair)));
    }

    /**
     * The floor is one video slot beyond the publisher cap, held by one participant at a time:
     * giving it to someone takes it from the previous holder.
     */
    private List<Effect> floor(PeerSeat chairSeat, String peer) {
        PeerSeat p = inRoom(peer);
        if (p.admission.role() == SessionRole.OBSERVER) {
            throw new Command.Invalid(ErrorCode.NOT_ALLOWED, "peer: observers do not publish media");
        }
        List<Effect> effects = new ArrayList<>();
        if (p.video) {
            return effects;
        }
        if (floor != null && seats.containsKey(floor)) {
            PeerSeat previous = seats.get(floor);
            previous.video = false;
            previous.camera = previous.screen = false;
            effects.add(new Effect.Send(all(PeerSeat::inRoom), new Message.Video(previous.id, false)));
        }
        floor = p.id;
        p.video = true;
        effects.add(new Effect.Send(all(PeerSeat::inRoom), new Message.Video(p.id, true)));
        return effects;
    }

    private List<Effect> agenda(PeerSeat chairSeat, int step, Instant now) {
        agenda = step;
        return List.of(
                new Effect.Send(all(p -> true), new Message.Agenda(step)),
                new Effect.RecordAgendaStep(step, chairSeat.admission.username(), now));
    }

    private List<Effect> start(PeerSeat chairSeat) {
        if (phase != Phase.OPEN) {
            throw new Command.Invalid(ErrorCode.WRONG_PHASE, "the session is " + phase);
        }
        Message.Quorum q = quorum();
        if (!q.met()) {
            throw new Command.Invalid(
                    ErrorCode.QUORUM_NOT_MET,
                    "missing: "
                            + String.join(
                                    ", ",
                                    q.missing().stream()
                                            .map(Message.Department::code)
                                            .toList()));
        }
        Set<Long> present = new LinkedHashSet<>();
        q.present().forEach(d -> present.add(d.id()));
        return List.of(new Effect.StartSession(chairSeat.id, chairSeat.admission.username(), present));
    }

    // ---- rules ----------------------------------------------------------------------------

    private PeerSeat chairOnly(PeerSeat from) {
        if (!from.id.equals(chair)) {
            throw new Command.Invalid(ErrorCode.NOT_CHAIR, "only the chair may do this");
        }
        return from;
    }

    private PeerSeat inRoom(String peer) {
        PeerSeat p = seats.get(peer);
        if (p == null || !p.inRoom()) {
            throw new Command.Invalid(ErrorCode.UNKNOWN_PEER, "peer: no '" + peer + "' in the room");
        }
        return p;
    }

    /** Publishers are capped; the chair always gets a slot so that the meeting has a face. */
    private boolean mayTakeVideoSlot(PeerSeat p) {
        if (p.admission.role() == SessionRole.OBSERVER) {
            return false;
        }
        long publishers = seats.values().stream()
                .filter(s -> s.video && s != p && !s.id.equals(floor))
                .count();
        return publishers < publisherCap || p.id.equals(chair);
    }

    /** The quorum: every required department has a chair or official present in the room. */
    public Message.Quorum quorum() {
        Set<Long> present = new HashSet<>();
        for (PeerSeat p : seats.values()) {
            if (p.inRoom()
                    && p.present()
                    && p.admission.role().representsDepartment()
                    && p.admission.departmentId() != null) {
                present.add(p.admission.departmentId());
            }
        }
        List<Message.Department> in = new ArrayList<>();
        List<Message.Department> missing = new ArrayList<>();
        for (DepartmentRef d : required.values()) {
            (present.contains(d.id()) ? in : missing).add(department(d));
        }
        return new Message.Quorum(
                missing.isEmpty(),
                required.values().stream().map(RoomState::department).toList(),
                in,
                missing);
    }

    private List<Effect> quorumIfChanged() {
        Message.Quorum now = quorum();
        if (now.equals(lastQuorum)) {
            return List.of();
        }
        lastQuorum = now;
        return List.of(new Effect.Send(all(PeerSeat::inRoom), new Message.QuorumState(now)));
    }

    /** Whether a held seat's admission still says what the door says now: the same role and department. */
    private static boolean asAdmitted(Admission held, Admission now) {
        return held.role() == now.role() && java.util.Objects.equals(held.departmentId(), now.departmentId());
    }

    private List<Effect> vacate(PeerSeat p, LeaveReason reason, Instant now) {
        seats.remove(p.id);
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.RecordLeave(p.admission, reason, now));
        if (p.published) {
            effects.add(new Effect.Kick(p.id)); // also from the lobby: an excused seat is still known there
        }
        if (p.inRoom()) {
            effects.add(new Effect.Send(
                    all(PeerSeat::inRoom),
                    new Message.PeerLeft(p.id, reason.name().toLowerCase())));
        } else {
            effects.add(lobbyNotice());
        }
        if (hands.remove(p.id)) {
            effects.add(handsNotice());
        }
        if (p.id.equals(floor)) {
            floor = null;
        }
        effects.addAll(toRoom(document.left(p.id)));
        if (p.id.equals(chair)) {
            chair = null;
            // Hand the chair to another present chair-role seat, if the session has one.
            seats.values().stream()
                    .filter(s -> s.inRoom() && s.admission.role() == SessionRole.CHAIR)
                    .findFirst()
                    .ifPresent(s -> chair = s.id);
            effects.add(new Effect.Send(all(PeerSeat::inRoom), new Message.Chair(chair)));
        }
        effects.addAll(quorumIfChanged());
        return effects;
    }

    // ---- snapshot (several nodes: docs/cluster.md) -------------------------------------------

    /**
     * Everything a room holds that the legal record does not: what another node needs to carry the
     * room on after this one dies. Plain data, written to Redis as JSON by the transport.
     */
    public record Snapshot(
            Phase phase,
            String chair,
            String floor,
            int agenda,
            int nextPeer,
            List<SeatSnapshot> seats,
            List<String> hands,
            List<ChatVisibility.Entry> chat,
            Set<Long> removed,
            String presenter,
            Message.Doc doc,
            Instant at,
            String media) {

        /**
         * The media backend's hand-over note ({@code MediaBackend.handOver}, opaque here; null in
         * snapshots written before it existed).
         */
        public Snapshot withMedia(String note) {
            return new Snapshot(
                    phase, chair, floor, agenda, nextPeer, seats, hands, chat, removed, presenter, doc, at, note);
        }
    }

    /** One seat in a {@link Snapshot}; {@code awaySince} null while it was present. */
    public record SeatSnapshot(
            String id,
            Admission admission,
            boolean lobby,
            Instant awaySince,
            boolean mic,
            boolean camera,
            boolean screen,
            boolean video,
            boolean published,
            boolean mutedByChair) {}

    /** The room as it is now (call under the room lock). */
    public Snapshot snapshot(Instant at) {
        List<SeatSnapshot> list = seats.values().stream()
                .map(p -> new SeatSnapshot(
                        p.id,
                        p.admission,
                        p.lobby,
                        p.awaySince,
                        p.mic,
                        p.camera,
                        p.screen,
                        p.video,
                        p.published,
                        p.mutedByChair))
                .toList();
        return new Snapshot(
                phase,
                chair,
                floor,
                agenda,
                nextPeer,
                list,
                List.copyOf(hands),
                List.copyOf(chat),
                Set.copyOf(removedPeople),
                document.handedTo(),
                document.snapshot(),
                at,
                null);
    }

    /**
     * Takes over a room another node held (call on a fresh room, before anyone joins): every seat
     * keeps its peer id, role and chair and gets a fresh grace period from {@code now}, so that its
     * person comes back with {@code resumed: true}. A seat that was present counts as dropped at the
     * snapshot's time: attendance shows a gap, not a leave. The session's phase stays the stored one
     * if that is further on (the record is the truth).
     */
    public List<Effect> restore(Snapshot s, Instant now) {
        if (s.phase().ordinal() > phase.ordinal()) {
            phase = s.phase();
        }
        chair = s.chair();
        floor = s.floor();
        agenda = s.agenda();
        nextPeer = Math.max(nextPeer, s.nextPeer());
        List<Effect> effects = new ArrayList<>();
        for (SeatSnapshot x : s.seats()) {
            PeerSeat p = new PeerSeat(x.id(), x.admission(), "");
            p.lobby = x.lobby();
            p.mic = x.mic();
            p.camera = x.camera();
            p.screen = x.screen();
            p.video = x.video();
            p.published = x.published();
            p.mutedByChair = x.mutedByChair();
            p.mediaLost = x.published();
            p.awaySince = now;
            if (x.awaySince() == null) {
                effects.add(new Effect.RecordLeave(x.admission(), LeaveReason.DROPPED, s.at()));
            }
            seats.put(p.id, p);
        }
        hands.addAll(s.hands());
        chat.addAll(s.chat());
        removedPeople.addAll(s.removed());
        document.restore(s.presenter(), s.doc());
        lastQuorum = quorum();
        return effects;
    }

    // ---- views ----------------------------------------------------------------------------

    private Message.Welcome welcome(PeerSeat p, boolean resumed, List<IceServer> iceServers) {
        Message.Room room = p.lobby
                ? new Message.Room(
                        phase.name(),
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        agenda,
                        null,
                        List.of(),
                        publisherCap,
                        null,
                        null)
                : new Message.Room(
                        phase.name(),
                        chair,
                        seats.values().stream()
                                .filter(s -> s.inRoom() && s != p)
                                .map(this::view)
                                .toList(),
                        seats.values().stream()
                                .filter(s -> s.lobby)
                                .map(this::view)
                                .toList(),
                        List.copyOf(hands),
                        agenda,
                        quorum(),
                        chat.stream()
                                .filter(e -> ChatVisibility.mayRead(p.admission, e))
                                .map(ChatVisibility.Entry::line)
                                .toList(),
                        publisherCap,
                        document.handedTo(),
                        document.snapshot());
        return new Message.Welcome(
                Message.VERSION,
                p.id,
                view(p),
                p.admission.role().name(),
                p.id.equals(chair),
                p.lobby,
                resumed,
                p.video,
                mediaMode,
                iceServers,
                room);
    }

    private Message.Peer view(PeerSeat p) {
        Admission s = p.admission;
        Message.Department dept = s.departmentId() == null
                ? null
                : new Message.Department(
                        s.departmentId(), s.departmentCode(), s.departmentNameZh(), s.departmentNameEn());
        return new Message.Peer(
                p.id,
                s.personId(),
                s.displayName(),
                s.role().name(),
                dept,
                p.id.equals(chair),
                p.lobby,
                !p.present(),
                p.mic,
                p.camera,
                p.screen,
                p.video);
    }

    private static Message.Department department(DepartmentRef d) {
        return new Message.Department(d.id(), d.code(), d.nameZh(), d.nameEn());
    }

    private Effect lobbyNotice() {
        return lobbyNoticeTo(all(PeerSeat::inRoom));
    }

    private Effect lobbyNoticeTo(List<String> to) {
        return new Effect.Send(
                to,
                new Message.Lobby(seats.values().stream()
                        .filter(s -> s.lobby)
                        .map(this::view)
                        .toList()));
    }

    private Effect handsNotice() {
        return new Effect.Send(all(PeerSeat::inRoom), new Message.Hands(List.copyOf(hands)));
    }

    private static Effect publish(PeerSeat p) {
        p.published = true;
        return new Effect.Publish(p.id, p.admission.displayName());
    }

    private static Effect republish(PeerSeat p) {
        p.mediaLost = false;
        return new Effect.Republish(p.id, p.admission.displayName(), p.mutedByChair);
    }

    private static Effect send(String peer, Message message) {
        return new Effect.Send(List.of(peer), message);
    }

    /** Present peers matching the filter (away seats get a fresh welcome when they return). */
    private List<String> all(Predicate<PeerSeat> filter) {
        return seats.values().stream()
                .filter(p -> p.present() && filter.test(p))
                .map(p -> p.id)
                .toList();
    }

    private List<String> others(String peer, Predicate<PeerSeat> filter) {
        return all(p -> !p.id.equals(peer) && filter.test(p));
    }

    // ---- read access for the transport and tests -----------------------------------------

    public Phase phase() {
        return phase;
    }

    public String chair() {
        return chair;
    }

    public List<String> hands() {
        return List.copyOf(hands);
    }

    public boolean isEmpty() {
        return seats.isEmpty();
    }

    /** Each present seat's connection (peer id → connection id): what the transport checks is alive. */
    public Map<String, String> presentConnections() {
        Map<String, String> out = new LinkedHashMap<>();
        seats.values().stream().filter(PeerSeat::present).forEach(p -> out.put(p.id, p.connection));
        return out;
    }

    /** The people whose seats are present (connected), for attendance's last-seen time. */
    public Set<Long> presentPeople() {
        Set<Long> out = new HashSet<>();
        seats.values().stream().filter(PeerSeat::present).forEach(p -> out.add(p.admission.personId()));
        return out;
    }

    /** The connection that currently owns a seat, or null. */
    public String connectionOf(String peer) {
        PeerSeat p = seats.get(peer);
        return p == null ? null : p.connection;
    }

    /** The peer who may show documents now (the handed presenter, else the chair). */
    public String presenter() {
        return document.presenter(chair);
    }

    /** The page the room's document is open at, or 0 when none is open. */
    public int openDocumentPage() {
        Message.Doc doc = document.snapshot();
        return doc == null ? 0 : doc.page();
    }

    public boolean inLobby(String peer) {
        PeerSeat p = seats.get(peer);
        return p != null && p.lobby;
    }
}
