package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liandong.room.protocol.Message;
import org.liandong.room.state.DepartmentRef;
import org.liandong.room.state.Effect;
import org.liandong.room.state.Phase;
import org.liandong.room.state.RoomState;
import org.liandong.session.Admission;
import org.liandong.session.SessionRole;

/**
 * A seat restored from a snapshot on takeover must not outlive the admission it was given for: when
 * the person comes back admitted as something else (the invitation was withdrawn and the person
 * invited again in another role while the old owner was dying), the room must seat them as what the
 * door admitted now, not as what the snapshot says. Today the held seat keeps the snapshot's
 * admission: an official re-invited as an observer resumes as an official and still counts for
 * quorum.
 */
class RestoredSeatAdmissionTest {

    static final Instant T0 = RoomStateTest.T0;
    static final DepartmentRef DRC = RoomStateTest.DRC;
    static final DepartmentRef NR = RoomStateTest.NR;

    @Test
    void aRestoredSeatTakesTheAdmissionTheDoorGaveNow() {
        RoomState a = new RoomState(Phase.IN_PROGRESS, List.of(DRC, NR), "mesh", 6, Duration.ofSeconds(30));
        a.join(RoomStateTest.CHAIR, "c1", List.of(), T0);
        a.join(RoomStateTest.NR_OFFICIAL, "c2", List.of(), T0);
        RoomState.Snapshot snapshot = a.snapshot(T0);

        RoomState b = new RoomState(Phase.OPEN, List.of(DRC, NR), "mesh", 6, Duration.ofSeconds(30));
        Instant t1 = T0.plusSeconds(5);
        b.restore(snapshot, t1);
        // Same person (id 2), now invited as an observer without a department.
        Admission nowObserver = RoomStateTest.seat(2, "city.nr", SessionRole.OBSERVER, null);
        RoomState.Joined back = b.join(nowObserver, "c2b", List.of(), t1);
        Message.Welcome w = back.effects().stream()
                .filter(e -> e instanceof Effect.Send s && s.message() instanceof Message.Welcome)
                .map(e -> (Message.Welcome) ((Effect.Send) e).message())
                .findFirst()
                .orElseThrow();
        assertEquals("OBSERVER", w.role(), "seated as the snapshot's role, not as admitted now");
    }
}
