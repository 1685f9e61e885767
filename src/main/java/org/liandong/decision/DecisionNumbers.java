package org.liandong.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Hands out decision numbers without gaps or duplicates, per prefix and year, across threads and
 * nodes. The counter row is incremented with an UPDATE inside the issuing transaction: the row
 * lock makes a second issuer wait until the first commits (then it reads the next value) or
 * rolls back (then the number is handed out again, so no gap).
 */
@ApplicationScoped
public class DecisionNumbers {

    private final EntityManager em;

    DecisionNumbers(EntityManager em) {
        this.em = em;
    }

    /** The next number; only valid if the caller's transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DecisionNumber next(String prefix, int year) {
        int updated = increment(prefix, year);
        if (updated == 0) {
            ensureCounter(prefix, year);
            updated = increment(prefix, year);
        }
        if (updated != 1) {
            throw new IllegalStateException("decision counter " + prefix + "/" + year + " could not be advanced");
        }
        int serial = ((Number) em.createNativeQuery(
                                "select last_serial from decision_counter where prefix = ?1 and issue_year = ?2")
                        .setParameter(1, prefix)
                        .setParameter(2, year)
                        .getSingleResult())
                .intValue();
        return new DecisionNumber(prefix, year, serial);
    }

    private int increment(String prefix, int year) {
        return em.createNativeQuery(
                        "update decision_counter set last_serial = last_serial + 1 where prefix = ?1 and issue_year = ?2")
                .setParameter(1, prefix)
                .setParameter(2, year)
                .executeUpdate();
    }

    /** First number of a year: create the row; a concurrent creator is harmless (ON CONFLICT DO NOTHING). */
    private void ensureCounter(String prefix, int year) {
        em.createNativeQuery(
                        "insert into decision_counter (prefix, issue_year, last_serial) values (?1, ?2, 0) on conflict do nothing")
                .setParameter(1, prefix)
                .setParameter(2, year)
                .executeUpdate();
    }
}
