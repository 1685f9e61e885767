package org.liandong.room.state;

import java.util.Set;
import org.liandong.room.protocol.Message;
import org.liandong.session.Admission;

/**
 * Who may read a chat line, decided once for every path that hands out chat (live sends, the
 * {@code welcome}'s chat tail on join, admit and resume): <em>a line is readable by whoever could
 * have read it when it was said.</em> Department seats and observers are room members throughout,
 * so they read every line. The applicant side (applicant, proxy agent) reads only the lines said
 * while that very person was admitted to the room: nothing said before they were admitted, while
 * they waited in the lobby, or while they were excused for the deliberation (DESIGN.md: "an
 * applicant never sees deliberation ... in any view, message or export").
 */
public final class ChatVisibility {

    private ChatVisibility() {}

    /**
     * One kept line with the applicant-side people who were in the room (admitted, connected or
     * holding their seat through a drop) when it was said.
     */
    public record Entry(Message.ChatLine line, Set<Long> partiesInRoom) {
        public Entry {
            partiesInRoom = Set.copyOf(partiesInRoom);
        }
    }

    /** Whether {@code reader} may see {@code entry}. */
    public static boolean mayRead(Admission reader, Entry entry) {
        return !reader.role().isParty() || entry.partiesInRoom().contains(reader.personId());
    }
}
