package org.liandong.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.liandong.room.protocol.Message;

/**
 * The room's one door to materials: which file versions a session may show. Called from worker
 * threads only (it reads the database).
 */
@ApplicationScoped
public class RoomDocuments {

    /**
     * The material file {@code fileId} as the room shows it, if it is the accepted version of a
     * checklist item of the project under review in session {@code sessionId}; empty otherwise
     * (unknown id, another project's file, a version not or no longer accepted).
     */
    public Optional<Message.Material> acceptedMaterial(long sessionId, long fileId) {
        return Optional.empty(); // wired to material/ once it lands (matback)
    }
}
