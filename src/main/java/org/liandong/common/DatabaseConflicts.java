package org.liandong.common;

import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Database refusals that mean "someone else got there first", found anywhere in an exception's
 * cause chain (Hibernate, JTA and Arc wrap them differently). Unique keys, row locks and counters
 * are what keep one-of-a-kind rules (one rating per decision, one opinion revision per department,
 * one decision per session, unique codes) on every node; when a concurrent request loses, it gets a
 * 409 problem, never a 500. SQLSTATE codes are the SQL standard's, shared by PostgreSQL and H2.
 */
final class DatabaseConflicts {

    private static final Logger LOG = Logger.getLogger(DatabaseConflicts.class);

    private DatabaseConflicts() {}

    /** The problem for a known database conflict in {@code e}'s causes, or null if there is none. */
    static Problem problem(Throwable e, String instance) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                switch (state) {
                    case "23505": // unique_violation
                        return new Problem(
                                Problem.TYPE_BASE + "duplicate",
                                "Conflict",
                                409,
                                "This already exists (it was created at the same time by another request)",
                                instance,
                                null,
                                null);
                    case "40001",
                            "40P01",
                            "55P03",
                            "HYT00": // serialization failure, deadlock, lock not available, H2 lock timeout
                        return new Problem(
                                Problem.TYPE_BASE + "concurrent-change",
                                "Conflict",
                                409,
                                "Someone else changed this record at the same time; reload and try again",
                                instance,
                                null,
                                null);
                    case "22001": // string data right truncation: a limit is missing in the API, which is a bug to fix
                        LOG.errorf(
                                "A value longer than its column reached the database on %s: %s",
                                instance, sql.getMessage());
                        return new Problem(
                                Problem.TYPE_BASE + "validation",
                                "Invalid request",
                                400,
                                "A value is longer than allowed",
                                instance,
                                null,
                                null);
                    default:
                        break;
                }
            }
        }
        return null;
    }
}
