package org.liandong.room.state;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.liandong.room.protocol.Message;
import org.liandong.session.Admission;
import org.liandong.session.LeaveReason;

/**
 * What the room asks its transport to do. {@link RoomState} returns effects instead of doing I/O,
 * so that every rule is testable without sockets or a database (after jicofo's SourceSignaling).
 */
public sealed interface Effect {

    /** Send one message to each listed peer (serialised once by the transport). */
    record Send(List<String> to, Message message) implements Effect {}

    /** Close one connection of a peer, after anything sent before it. */
    record Close(String peer, String connection, Why why, String reason) implements Effect {}

    /** Why a connection is closed; each has its close code in docs/signaling.md. */
    enum Why {
        REMOVED,
        REPLACED,
        ENDED
    }

    /** Attendance: a participant's seat became occupied (not on a resume within grace). */
    record RecordJoin(Admission admission, Instant at) implements Effect {}

    /** Attendance: a seat was given up for good. */
    record RecordLeave(Admission admission, LeaveReason reason, Instant at) implements Effect {}

    /**
     * The chair removed this person: store it with the session, so that neither a restart nor an
     * emptied room forgets it (see {@link RoomState#restoreRemoved}).
     */
    record RecordRemoval(Admission admission, String by, Instant at) implements Effect {}

    /**
     * The chair moved the agenda to {@code step} (0-based): stored as the session's
     * {@code agenda-step} event, which the minutes print as the step's start and chapter mark.
     */
    record RecordAgendaStep(int step, String by, Instant at) implements Effect {}

    /** The chair started the session with these departments present; call {@code RoomState.started} when stored. */
    record StartSession(String requestedBy, String actor, Set<Long> presentDepartments) implements Effect {}

    /**
     * What the media server must do for one participant. The room decides; the media backend
     * carries it out through one callback per action (after jicofo's JingleRequestHandler). The
     * mesh backend needs none of them: there the browsers act on the room's messages themselves.
     */
    sealed interface Media extends Effect {
        String peer();
    }

    /** The participant entered the room for the first time: it publishes and receives the others. */
    record Publish(String peer, String name) implements Media {}

    /**
     * The participant came back into a room this node took over from another (restored from a
     * snapshot): its media went with the other node's, so it publishes and receives afresh, and its
     * client is told to start over ({@code media-reset}); {@code muted} if the chair had muted it.
     */
    record Republish(String peer, String name, boolean muted) implements Media {}

    /** Excused to the lobby: nothing of the room reaches the participant any more. */
    record PauseSubscription(String peer) implements Media {}

    /** Admitted back from the lobby: the room's media reaches the participant again. */
    record ResumeSubscription(String peer) implements Media {}

    /** The seat is given up (left, dropped, removed, session ended): its feed leaves the media server. */
    record Kick(String peer) implements Media {}

    /** The chair muted the participant: the media server drops its audio for everyone. */
    record Mute(String peer) implements Media {}

    /** The participant muted by the chair turned the microphone on again: its audio flows again. */
    record Unmute(String peer) implements Media {}
}
