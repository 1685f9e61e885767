package org.liandong.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.liandong.room.protocol.Message;

/**
 * The room's one door to materials: which file versions a session may show. Called from worker
 * threads only (it reads the database).
 */
@ApplicationScoped
public class RoomDocuments {

    private final EntityManager em;

    RoomDocuments(EntityManager em) {
        this.em = em;
    }

    /**
     * The material file {@code fileId} as the room shows it, if it is the version a checklist item
     * of the session's project is accepted with (its own upload, or one the system already held
     * for the enterprise, accepted by reference); empty otherwise: an unknown id, another project's
     * file, a version not or no longer accepted. The rule is the one that lets invited officials
     * read a version ({@code material/MaterialAccess}): the room never shows more than they may open.
     */
    @Transactional // a read; the worker thread has no other context that would open the session
    public Optional<Message.Material> acceptedMaterial(long sessionId, long fileId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select f.id, m.id, m.name, f.version, f.file_name, f.media_type, f.sha256
                from review_session s
                join project_material m on m.project_id = s.project_id
                join material_file f on f.id = m.accepted_file_id
                where s.id = :session and f.id = :file and m.status = 'ACCEPTED'
                """)
                .setParameter("session", sessionId)
                .setParameter("file", fileId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Message.Material(
                        ((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(),
                        (String) r[2],
                        ((Number) r[3]).intValue(),
                        (String) r[4],
                        (String) r[5],
                        ((String) r[6]).trim()));
    }
}
