package org.liandong.material;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.liandong.project.Project;
import org.liandong.session.SessionStatus;

@ApplicationScoped
public class MaterialFileRepository implements PanacheRepository<MaterialFile> {

    /** An item's versions, newest first. */
    public List<MaterialFile> listByItem(long itemId) {
        return list("item.id = ?1 order by version desc", itemId);
    }

    public Optional<MaterialFile> newest(long itemId) {
        return find("item.id = ?1 order by version desc", itemId).firstResultOptional();
    }

    /** The versions a project's items are accepted with (its own or, by reference, another project's). */
    public List<MaterialFile> listAcceptedFor(long projectId) {
        return getEntityManager()
                .createQuery(
                        "select f from MaterialFile f, MaterialItem i "
                                + "where i.acceptedFileId = f.id and i.project.id = :p order by i.position",
                        MaterialFile.class)
                .setParameter("p", projectId)
                .getResultList();
    }

    /** Versions accepted on other projects of the same enterprise (unified social credit code): reusable by reference. */
    public List<MaterialFile> listReusable(String creditCode, long exceptProjectId) {
        return list(
                "project.creditCode = ?1 and project.id <> ?2 and id in "
                        + "(select i.acceptedFileId from MaterialItem i where i.acceptedFileId is not null) order by uploadedAt desc",
                creditCode,
                exceptProjectId);
    }

    /** Projects whose checklist accepts this version: its own project, and any that reuse it by reference. */
    public List<Project> projectsAccepting(long fileId) {
        return getEntityManager()
                .createQuery("select distinct i.project from MaterialItem i where i.acceptedFileId = :f", Project.class)
                .setParameter("f", fileId)
                .getResultList();
    }

    /** Whether {@code personId} holds a live invitation to a session (not cancelled) of any of these projects. */
    public boolean invitedToSessionOf(long personId, List<Project> projects) {
        if (projects.isEmpty()) {
            return false;
        }
        return getEntityManager()
                        .createQuery(
                                "select count(i) from Invitation i where i.person.id = :me "
                                        + "and i.withdrawnAt is null and i.session.status <> :cancelled and i.session.project in :projects",
                                Long.class)
                        .setParameter("me", personId)
                        .setParameter("cancelled", SessionStatus.CANCELLED)
                        .setParameter("projects", projects)
                        .getSingleResult()
                > 0;
    }
}
