package org.liandong.project;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class ProjectRepository implements PanacheRepository<Project> {

    public Optional<Project> findByCode(String projectCode) {
        return find("projectCode", projectCode).firstResultOptional();
    }

    /** Filtered, newest first. {@code partyId} restricts to projects where that person is applicant or proxy agent. */
    public PanacheQuery<Project> search(
            ProjectStatus status, String countyCode, String text, Long partyId, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (status != null) {
            q.append(" and status = :status");
            p.put("status", status);
        }
        if (countyCode != null) {
            q.append(" and county.code = :county");
            p.put("county", countyCode);
        }
        if (text != null && !text.isBlank()) {
            q.append(
                    " and (lower(name) like :text or lower(projectCode) like :text or lower(enterpriseName) like :text)");
            p.put("text", "%" + text.trim().toLowerCase() + "%");
        }
        if (partyId != null) {
            q.append(" and (applicant.id = :party or proxyAgent.id = :party)");
            p.put("party", partyId);
        }
        return find(q + " order by createdAt desc, id desc", p).page(Page.of(page, size));
    }

    /** Projects in any of the given states; {@code partyId} as in {@link #search}. SUPPLEMENTING before acceptance is skipped. */
    public java.util.List<Project> listByStatus(java.util.List<ProjectStatus> statuses, Long partyId) {
        return partyId == null
                ? list("status in ?1 and acceptedAt is not null", statuses)
                : list(
                        "status in ?1 and acceptedAt is not null and (applicant.id = ?2 or proxyAgent.id = ?2)",
                        statuses,
                        partyId);
    }
}
