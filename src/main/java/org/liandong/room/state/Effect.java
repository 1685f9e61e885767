package org.liandong.room.state;

import org.liandong.session.Admission;
import org.liandong.session.LeaveReason;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the room asks its transport to do. {@link RoomState} returns effects instead of doing I/O,
 * so that every rule is testable without sockets or a database.
 */
public sealed interface Effect {

    /** Send one message to each listed peer (already serialised once by the transport). */
    record Send(List<String> to, Object message) implements Effect {
    }

    /** Close one connection of a peer, after anything sent before it. */
    record Close(String peer, String connection, Why why, String reason) implements Effect {
    }

    /** Why a connection is closed; each has its close code in docs/signaling.md. */
    enum Why { REMOVED, REPLACED, ENDED }

    /** Attendance: a participant's seat became occupied (not on a resume within grace). */
    record RecordJoin(Admission seat, Instant at) implements Effect {
    }

    /** Attendance: a seat was given up for good. */
    record RecordLeave(Admission seat, LeaveReason reason, Instant at) implements Effect {
    }

    /**
     * The chair removed this person: store it with the session, so that neither a restart nor an
     * emptied room forgets it (see {@link RoomState#restoreRemoved}).
     */
    record RecordRemoval(Admission seat, String by, Instant at) implements Effect {
    }

    /** The chair started the session with these departments present; call {@code RoomState.started} when stored. */
    record StartSession(String requestedBy, String actor, Set<Long> presentDepartments) implements Effect {
    }
}
