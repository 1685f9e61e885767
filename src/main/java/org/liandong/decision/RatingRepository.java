package org.liandong.decision;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class RatingRepository implements PanacheRepository<Rating> {

    public Optional<Rating> findByDecision(long decisionId) {
        return find("decision.id", decisionId).firstResultOptional();
    }
}
