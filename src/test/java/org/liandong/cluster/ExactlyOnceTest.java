package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;
import org.liandong.notification.Notification;
import org.liandong.notification.NotificationRepository;
import org.liandong.notification.Outbox;
import org.liandong.support.GreenMailResource;

/**
 * Exactly once across nodes, against the real database (H2 by default, PostgreSQL with
 * LIANDONG_DB=postgresql): several dispatchers and job runners started at the same instant, each in
 * its own transactions and connections, as several nodes would be. Docs: docs/cluster.md.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class ExactlyOnceTest {

    private static final int NODES = 4;

    @Inject
    Outbox outbox;

    @Inject
    NotificationRepository notifications;

    @Inject
    PersonRepository people;

    @Inject
    ClusterJobs jobs;

    @Inject
    EntityManager em;

    @Test
    void concurrentDispatchersSendEachOfHundredMessagesOnce() throws Exception {
        String run = "exactly-once " + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Person to = people.findByUsername("city.drc").orElseThrow();
            for (int i = 0; i < 100; i++) {
                outbox.post(to, null, Notification.Kind.INVITATION, run + " #" + i, "body " + i, null);
            }
        });

        List<Integer> sentPerNode = race(NODES, () -> {
            int sent = 0;
            for (int round = 0; round < 10; round++) { // a batch is 50: several rounds drain it
                sent += outbox.dispatchPending();
            }
            return sent;
        });

        GreenMail mail = GreenMailResource.greenMail();
        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject().startsWith(run)) {
                received.merge(m.getSubject(), 1, Integer::sum);
            }
        }
        assertEquals(100, received.size(), "every message arrived: " + sentPerNode);
        received.forEach((subject, n) -> assertEquals(1, n, subject + " arrived " + n + " times"));
        QuarkusTransaction.requiringNew().run(() -> {
            List<Notification> mine = notifications.list("subject like ?1", run + "%");
            assertEquals(100, mine.size());
            // A refused SMTP attempt (the loaded SMTP server times out) is retried: that is not a
            // second sending, which GreenMail's count above would show.
            mine.forEach(n -> assertEquals(Notification.EmailStatus.SENT, n.emailStatus(), n.subject()));
        });
    }

    @Test
    void aJobRacedByEveryNodeRunsOnceThenWaitsItsSpacing() throws Exception {
        String job = "test-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger runs = new AtomicInteger();
        List<Integer> ran = race(NODES, () -> jobs.runOnce(job, Duration.ofMinutes(1), runs::incrementAndGet) ? 1 : 0);
        assertEquals(1, runs.get(), "one node ran it: " + ran);
        assertEquals(1, ran.stream().mapToInt(Integer::intValue).sum());
        assertFalse(jobs.runOnce(job, Duration.ofMinutes(1), runs::incrementAndGet), "not again within its spacing");
        assertEquals(1, runs.get());

        String quick = job + "-0";
        assertTrue(jobs.runOnce(quick, Duration.ZERO, runs::incrementAndGet));
        assertTrue(jobs.runOnce(quick, Duration.ZERO, runs::incrementAndGet), "no spacing: free when done");
        assertEquals(3, runs.get());
    }

    @Test
    void aFailedRunReleasesItsLeaseAtOnce() {
        String job = "test-fail-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            jobs.runOnce(job, Duration.ofHours(1), () -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        AtomicInteger runs = new AtomicInteger();
        assertTrue(jobs.runOnce(job, Duration.ofHours(1), runs::incrementAndGet), "retried at the next tick");
        assertEquals(1, runs.get());
    }

    @Test
    void aRunLongerThanItsLeaseKeepsItUntilItEnds() {
        // Run lease 2 s (renewed every 0.5 s) instead of 2 min, so that the run can outlast it cheaply.
        Duration lease = Duration.ofSeconds(2);
        ClusterJobs nodeA = new ClusterJobs(em, new NodeIdentity("test-node-a"), lease);
        ClusterJobs nodeB = new ClusterJobs(em, new NodeIdentity("test-node-b"), lease);
        String job = "test-long-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger runsB = new AtomicInteger();
        AtomicInteger triesB = new AtomicInteger();
        try {
            assertTrue(nodeA.runOnce(job, Duration.ZERO, () -> {
                long start = System.nanoTime();
                // While A runs for three leases, B's timer keeps firing: B must never start the job.
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            nodeB.runOnce(job, Duration.ZERO, runsB::incrementAndGet);
                            triesB.incrementAndGet();
                            return System.nanoTime() - start > 3 * lease.toNanos();
                        });
            }));
            assertEquals(0, runsB.get(), "B started the job during A's run (" + triesB + " tries)");
            assertTrue(nodeB.runOnce(job, Duration.ZERO, runsB::incrementAndGet), "free once A's run ended");
        } finally {
            nodeA.stop();
            nodeB.stop();
        }
    }

    /** Starts {@code n} copies of {@code work} at the same instant, each on its own thread. */
    private static List<Integer> race(int n, Callable<Integer> work) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return work.call();
                }));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
