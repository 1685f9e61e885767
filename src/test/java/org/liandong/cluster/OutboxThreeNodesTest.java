package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;
import org.liandong.notification.Notification;
import org.liandong.notification.NotificationRepository;
import org.liandong.notification.Outbox;

/**
 * The issue's "three nodes dispatch 100 notifications, and each is sent once": three packaged nodes
 * behind HAProxy (deploy/cluster/run-local.sh), sharing this run's PostgreSQL, each with its outbox
 * dispatcher polling every second and its mailer pointed at one GreenMail SMTP server in this JVM.
 * This test's own Quarkus app posts 100 e-mail notifications through {@link Outbox#post} in one
 * transaction while the three dispatchers poll, so they compete for the same rows; its own
 * dispatcher is off, so every message must come from a node. GreenMail must receive each exactly
 * once, to its recipient, and nothing more during a grace period. Each node sends with its node id
 * as its SMTP host name, which ends up in the Message-ID, so the share of each node is counted from
 * what GreenMail received.
 *
 * <p>Opt-in with {@code LIANDONG_CLUSTER_TEST=true}, like {@link OwnerKilledTest}: needs haproxy,
 * Redis, PostgreSQL (LIANDONG_DB=postgresql) and the app packaged for it; skips loudly without
 * them, and fails under CI=true.
 */
@EnabledIfEnvironmentVariable(
        named = "LIANDONG_CLUSTER_TEST",
        matches = "true",
        disabledReason = "runs with LIANDONG_CLUSTER_TEST=true after `LIANDONG_DB=postgresql mvn package`"
                + " (docs/cluster.md)")
@QuarkusTest
@TestProfile(OutboxThreeNodesTest.Poster.class)
class OutboxThreeNodesTest {

    static final int MESSAGES = 100;

    /** Node id in the Message-ID's host part: {@code <...@node2>}. */
    private static final Pattern SENDER = Pattern.compile("@([^@>]+)>\\s*$");

    /**
     * This app only posts: e-mail on (so that {@link Outbox#post} queues the e-mail), its own
     * dispatcher off (it must not take a message from the nodes).
     */
    public static class Poster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "liandong.notifications.email-enabled", "true",
                    "liandong.notifications.dispatch-every", "off");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    NotificationRepository notifications;

    @Inject
    PersonRepository people;

    @Test
    void threeNodesSendEachOfHundredNotificationsOnce() throws Exception {
        LocalCluster.requirements("OutboxThreeNodesTest", List.of());
        long started = System.nanoTime();
        int base = 20000 + (int) (ProcessHandle.current().pid() % 900) * 10;
        Path dir = Path.of("target/cluster-outbox-" + base).toAbsolutePath();
        LocalCluster.deleteTree(dir);
        Files.createDirectories(dir);
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("CLUSTER_DIR", dir.toString());
        env.put("CLUSTER_BASE", Integer.toString(base));
        env.put("LIANDONG_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/5");
        env.put(
                "LIANDONG_CLUSTER_KEY_PREFIX",
                "lt-nodes-outbox-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        // The nodes' mailer: GreenMail, no TLS, the real (not mock) client; host name = node id, so
        // that the Message-ID says which node sent it (Quarkus expands the expression in each node).
        env.put(
                "JAVA_OPTS",
                "-Xmx384m -XX:TieredStopAtLevel=1 -Dquarkus.mailer.mock=false -Dquarkus.mailer.host=127.0.0.1"
                        + " -Dquarkus.mailer.port=" + mail.getSmtp().getPort()
                        + " -Dquarkus.mailer.start-tls=DISABLED -Dquarkus.mailer.own-host-name=${liandong.cluster.node-id}"
                        + " -Dliandong.notifications.email-enabled=true -Dliandong.notifications.dispatch-every=1s");
        String run = "outbox-3n " + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertEquals(0, LocalCluster.script(env, dir, "3"), "run-local.sh 3 started; see " + dir);
            long nodesUpMs = (System.nanoTime() - started) / 1_000_000;

            // 100 e-mails to the directory's people with an address, committed at once while every node polls.
            Map<String, String> recipientOf = new LinkedHashMap<>();
            List<Long> ids = QuarkusTransaction.requiringNew().call(() -> {
                List<Person> to = people.listAll().stream()
                        .filter(p -> p.email() != null && !p.email().isBlank())
                        .toList();
                assertTrue(to.size() >= 3, "the demo directory has people with e-mail: " + to.size());
                List<Long> posted = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    Person p = to.get(i % to.size());
                    String subject = run + " #" + i;
                    recipientOf.put(subject, p.email());
                    Notification n =
                            outbox.post(p, null, Notification.Kind.NOTICE, subject, "Notice " + i + " of " + run, null);
                    assertEquals(Notification.EmailStatus.PENDING, n.emailStatus());
                    posted.add(n.id());
                }
                return posted;
            });
            long postedAt = System.nanoTime();

            Awaitility.await("GreenMail receives each of the " + MESSAGES + " messages of " + run)
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> tally(mail, run).timesBySubject.size() == MESSAGES);
            long allInMs = (System.nanoTime() - postedAt) / 1_000_000;
            Tally first = tally(mail, run);
            System.out.println(first.figure("posted_to_all_received_ms=" + allInMs));
            assertEquals(List.of(), first.twice(), "notifications sent more than once");
            // Grace period: several more polls of every node (1 s each) must add nothing.
            Awaitility.await("nothing more of " + run + " arrives")
                    .during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .failFast(
                            "a message arrived twice",
                            () -> !tally(mail, run).twice().isEmpty())
                    .until(() -> tally(mail, run).received == MESSAGES);

            Tally last = tally(mail, run);
            assertEquals(recipientOf.keySet(), last.timesBySubject.keySet(), "every notification arrived");
            assertEquals(List.of(), last.twice(), "notifications sent more than once");
            assertEquals(MESSAGES, last.received);
            for (MimeMessage m : ofRun(mail, run)) {
                Address[] to = m.getRecipients(Message.RecipientType.TO);
                assertEquals(1, to.length, m.getSubject());
                assertEquals(
                        recipientOf.get(m.getSubject()), to[0].toString(), m.getSubject() + " went to its recipient");
            }
            assertEquals(List.of(), last.notFromNode, "every message came from a node, not from this app");
            // Otherwise nothing competed and the run proves nothing about exclusive claims.
            assertTrue(last.sentByNode.size() >= 2, "the dispatchers of several nodes sent: " + last.sentByNode);
            List<Notification> rows = QuarkusTransaction.requiringNew().call(() -> notifications.list("id in ?1", ids));
            assertEquals(MESSAGES, rows.size());
            rows.forEach(n -> assertEquals(Notification.EmailStatus.SENT, n.emailStatus(), n.subject()));
            System.out.println(last.figure("retried_rows="
                    + rows.stream().filter(n -> n.emailAttempts() > 1).count() + " took_ms="
                    + (System.nanoTime() - started) / 1_000_000 + " nodes_up_ms=" + nodesUpMs));
            System.out.println("arrival order: " + String.join(" ", last.arrivalOrder));
        } finally {
            LocalCluster.script(env, dir, "stop");
            mail.stop();
        }
    }

    /** What GreenMail holds of this run: how often each subject arrived, and from which node. */
    private record Tally(
            int received,
            Map<String, Integer> timesBySubject,
            Map<String, Integer> sentByNode,
            List<String> arrivalOrder,
            List<String> notFromNode) {

        List<String> twice() {
            return timesBySubject.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(e -> e.getKey() + " x" + e.getValue())
                    .toList();
        }

        /** One OUTBOX-FIGURE line: the share of each node and how often the sender changed in arrival order. */
        String figure(String more) {
            int switches = 0;
            for (int i = 1; i < arrivalOrder.size(); i++) {
                switches += arrivalOrder.get(i).equals(arrivalOrder.get(i - 1)) ? 0 : 1;
            }
            return "OUTBOX-FIGURE received=" + received + " distinct=" + timesBySubject.size() + " sent_by_node="
                    + sentByNode + " sender_switches=" + switches + " " + more;
        }
    }

    private static Tally tally(GreenMail mail, String run) throws Exception {
        Map<String, Integer> times = new TreeMap<>();
        Map<String, Integer> byNode = new TreeMap<>();
        List<String> order = new ArrayList<>();
        List<String> strangers = new ArrayList<>();
        List<MimeMessage> received = ofRun(mail, run);
        for (MimeMessage m : received) {
            times.merge(m.getSubject(), 1, Integer::sum);
            Matcher sender = SENDER.matcher(String.valueOf(m.getMessageID()));
            String node = sender.find() ? sender.group(1) : "?";
            if (!node.matches("node[123]")) {
                strangers.add(m.getSubject() + " " + m.getMessageID());
            }
            byNode.merge(node, 1, Integer::sum);
            order.add(node);
        }
        return new Tally(received.size(), times, byNode, order, strangers);
    }

    /** The messages of this run that GreenMail holds, in arrival order. */
    private static List<MimeMessage> ofRun(GreenMail mail, String run) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().startsWith(run + " #")) {
                out.add(m);
            }
        }
        return out;
    }
}
