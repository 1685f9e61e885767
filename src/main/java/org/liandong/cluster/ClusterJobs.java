package org.liandong.cluster;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Scheduled jobs that write run once across all nodes. Every node's timer fires; the run goes to the
 * node that takes the job's lease in table {@code cluster_job} first, an atomic conditional update
 * ({@code locked_until <= now}), so that it works the same on H2 and PostgreSQL and needs no Redis.
 *
 * <p>Lease rule: taken until {@code now + max(spacing, 2 min)} and, while the run lasts, extended to
 * {@code now + max(spacing, 2 min)} every 30 s (a quarter of the run lease), so that a run longer
 * than the lease (a statistics rebuild under load) keeps it and no other node starts the job
 * meanwhile; a node that dies mid-run stops renewing and blocks the job at most one run lease. On
 * completion the lease is set to {@code start + spacing}, so that within one spacing no other node
 * repeats the run. Give each job a spacing a little under its period. Times come from the database's
 * clock, the one clock all nodes share (node clocks may drift, and tests move the service's clock).
 */
@ApplicationScoped
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);
    private static final Duration RUN_LEASE = Duration.ofMinutes(2);

    private final EntityManager em;
    private final NodeIdentity node;
    private final Duration runLease;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-job-leases");
        t.setDaemon(true);
        return t;
    });

    @Inject
    ClusterJobs(EntityManager em, NodeIdentity node) {
        this(em, node, RUN_LEASE);
    }

    /** With a shorter run lease (tests: a run that outlasts it without waiting minutes). */
    ClusterJobs(EntityManager em, NodeIdentity node, Duration runLease) {
        this.em = em;
        this.node = node;
        this.runLease = runLease;
    }

    /**
     * Runs {@code work} if this node takes the lease of {@code job}; returns whether it ran. The work
     * runs outside any transaction of this class (it opens its own). A failure releases the lease
     * at once, so the next tick anywhere retries.
     */
    public boolean runOnce(String job, Duration spacing, Runnable work) {
        ensureRow(job);
        Instant start = QuarkusTransaction.requiringNew().call(this::databaseNow);
        Duration lease = spacing.compareTo(runLease) > 0 ? spacing : runLease;
        if (!claim(job, start, start.plus(lease))) {
            return false;
        }
        long every = Math.max(1, runLease.toMillis() / 4);
        AtomicBoolean over = new AtomicBoolean();
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(
                () -> {
                    synchronized (over) {
                        if (!over.get()) {
                            extend(job, lease);
                        }
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        boolean done = false;
        try {
            work.run();
            done = true;
        } finally {
            renewal.cancel(false);
            // Waits out a renewal already running, so that the release is the run's last write (a
            // renewal committed after it would push the next run back by a lease).
            synchronized (over) {
                over.set(true);
            }
            release(job, done ? start.plus(spacing) : start);
        }
        return true;
    }

    /** The run goes on: the lease lasts {@code lease} from now (database clock), if still ours. */
    private void extend(String job, Duration lease) {
        try {
            int kept = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery(
                                    "update cluster_job set locked_until = ?1 where name = ?2 and owner = ?3")
                            .setParameter(1, databaseNow().plus(lease))
                            .setParameter(2, job)
                            .setParameter(3, node.id())
                            .executeUpdate());
            if (kept == 0) {
                LOG.warnf("job %s: its lease was taken by another node during this run", job);
            }
        } catch (RuntimeException e) {
            LOG.warnf("job %s: renewing its lease failed (%s); retried in a quarter lease", job, e.toString());
        }
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

    @PreDestroy
    void stop() {
        renewer.shutdownNow();
    }
}
