package org.liandong.opinion;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OpinionRepository implements PanacheRepository<Opinion> {

    /** Every revision in the session, by department then revision. */
    public List<Opinion> listBySession(long sessionId) {
        return list("sessionId = ?1 order by department.id, revision", sessionId);
    }

    /** The signed, not superseded opinion of each department that has one. */
    public List<Opinion> listCurrentSigned(long sessionId) {
        return list("sessionId = ?1 and status = ?2 order by department.id", sessionId, OpinionStatus.SIGNED);
    }

    public int lastRevision(long sessionId, long departmentId) {
        Integer max = find(
                        "select max(revision) from Opinion where sessionId = ?1 and department.id = ?2",
                        sessionId,
                        departmentId)
                .project(Integer.class)
                .firstResult();
        return max == null ? 0 : max;
    }
}
