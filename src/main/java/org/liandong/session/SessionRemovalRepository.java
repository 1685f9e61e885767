package org.liandong.session;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class SessionRemovalRepository implements PanacheRepository<SessionRemoval> {

    public Set<Long> personIds(long sessionId) {
        return list("sessionId", sessionId).stream()
                .map(SessionRemoval::personId)
                .collect(Collectors.toSet());
    }

    public boolean isRemoved(long sessionId, long personId) {
        return count("sessionId = ?1 and personId = ?2", sessionId, personId) > 0;
    }
}
