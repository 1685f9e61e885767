package org.liandong.cluster;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Scheduled jobs that write run once across all nodes. Every node's timer fires; the run goes to the
 * node that takes the job's lease in table {@code cluster_job} first, an atomic conditional update
 * ({@code locked_until <= now}), so that it works the same on H2 and PostgreSQL and needs no Redis.
 *
 * <p>Lease rule: taken until {@code now + max(spacing, 2 min)} (a node that dies mid-run blocks the
 * job at most that long), and on completion set to {@code start + spacing}, so that within one
 * spacing no other node repeats the run. Give each job a spacing a little under its period. Times
 * come from the database's clock, the one clock all nodes share (node clocks may drift, and tests
 * move the service's clock).
 */
@ApplicationScoped
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);
    private static final Duration LONGEST_RUN = Duration.ofMinutes(2);

    private final EntityManager em;
    private final NodeIdentity node;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ClusterJobs(EntityManager em, NodeIdentity node) {
        this.em = em;
        this.node = node;
    }

    /**
     * Runs {@code work} if this node takes the lease of {@code job}; returns whether it ran. The work
     * runs outside any transaction of this class (it opens its own). A failure releases the lease
     * at once, so the next tick anywhere retries.
     */
    public boolean runOnce(String job, Duration spacing, Runnable work) {
        ensureRow(job);
        Instant start = QuarkusTransaction.requiringNew().call(this::databaseNow);
        if (!claim(job, start, start.plus(spacing.compareTo(LONGEST_RUN) > 0 ? spacing : LONGEST_RUN))) {
            return false;
        }
        boolean done = false;
        try {
            work.run();
            done = true;
        } finally {
            release(job, done ? start.plus(spacing) : start);
        }
        return true;
    }

    /** Takes the lease of {@code job} until {@code until} if it is free at {@code now}. */
    boolean claim(String job, Instant now, Instant until) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("update cluster_job set owner = ?1, locked_until = ?2, last_run = ?3"
                                        + " where name = ?4 and locked_until <= ?3")
                                .setParameter(1, node.id())
                                .setParameter(2, until)
                                .setParameter(3, now)
                                .setParameter(4, job)
                                .executeUpdate()
                        == 1);
    }

    private void release(String job, Instant until) {
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery(
                                    "update cluster_job set locked_until = ?1 where name = ?2 and owner = ?3")
                            .setParameter(1, until)
                            .setParameter(2, job)
                            .setParameter(3, node.id())
                            .executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("job %s: releasing its lease failed (%s); it expires by itself", job, e.toString());
        }
    }

    private Instant databaseNow() {
        Object now = em.createNativeQuery("select current_timestamp").getSingleResult();
        if (now instanceof java.sql.Timestamp t) {
            return t.toInstant();
        } else if (now instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        } else if (now instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        } else if (now instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("current_timestamp came back as " + now.getClass());
    }

    void ensureRow(String job) {
        if (known.contains(job)) {
            return;
        }
        boolean exists = QuarkusTransaction.requiringNew()
                .call(() -> !em.createNativeQuery("select name from cluster_job where name = ?1")
                        .setParameter(1, job)
                        .getResultList()
                        .isEmpty());
        if (!exists) {
            try {
                QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery("insert into cluster_job (name, locked_until) values (?1, ?2)")
                                .setParameter(1, job)
                                .setParameter(2, Instant.EPOCH)
                                .executeUpdate());
            } catch (RuntimeException e) { // a unique violation, however wrapped
                LOG.debugf("job %s: another node created its lease row first", job);
            }
        }
        known.add(job);
    }
}
