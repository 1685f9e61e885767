package org.liandong.decision;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DecisionRepository implements PanacheRepository<Decision> {

    public Optional<Decision> findBySession(long sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }

    public Optional<Decision> findByNumber(String number) {
        return find("number", number).firstResultOptional();
    }

    /** Decisions on projects where the person is the applicant or the proxy agent, newest first. */
    public List<Decision> listForParty(long personId) {
        return list("project.applicant.id = ?1 or project.proxyAgent.id = ?1 order by issuedAt desc", personId);
    }

    public List<Decision> listByProject(long projectId) {
        return list("project.id = ?1 order by issuedAt", projectId);
    }

    /** Every seal certificate (PEM) a decision was ever sealed with, each once: the installation's seal history. */
    public List<String> sealCertificates() {
        return getEntityManager()
                .createQuery(
                        "select distinct d.sealCertificate from Decision d where d.sealCertificate is not null",
                        String.class)
                .getResultList();
    }
}
