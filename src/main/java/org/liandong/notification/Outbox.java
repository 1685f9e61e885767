package org.liandong.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.liandong.directory.Person;

/**
 * The one way to notify a person. {@link #post} stores the message in the caller's transaction
 * (so it exists exactly when the change it reports was committed); the dispatcher then sends
 * pending e-mails in the background, one short transaction per message, retrying failures up to
 * {@link NotificationConfig#maxAttempts()}. With several nodes every dispatcher runs, and each
 * message is claimed by one of them: the transaction that sends it holds its row with
 * {@code FOR UPDATE SKIP LOCKED}, so another node passes over it and then finds it sent. A node killed
 * between the SMTP answer and the commit sends that message again (at least once, never twice in a
 * normal run).
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final NotificationRepository notifications;
    private final NotificationConfig config;
    private final Mailer mailer;
    private final Clock clock;

    Outbox(NotificationRepository notifications, NotificationConfig config, Mailer mailer, Clock clock) {
        this.notifications = notifications;
        this.config = config;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Queues a message (with an optional iCalendar file) for the recipient's inbox and, if enabled, e-mail. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Notification post(
            Person recipient, Long sessionId, Notification.Kind kind, String subject, String body, String ics) {
        boolean email = config.emailEnabled()
                && recipient.email() != null
                && !recipient.email().isBlank();
        Notification n = new Notification(recipient, sessionId, kind, subject, body, ics, email, clock.instant());
        notifications.persist(n);
        return n;
    }

    @Scheduled(
            every = "${liandong.notifications.dispatch-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchOnTimer() {
        dispatchPending();
    }

    /** Sends pending e-mails; returns how many went out. Runs on a timer and may be called directly. */
    public int dispatchPending() {
        int sent = 0;
        long after = 0; // each message at most once per run, even if it failed and is still pending
        for (int i = 0; i < config.batchSize(); i++) {
            long from = after;
            Long[] claimed = new Long[1];
            boolean ok = QuarkusTransaction.requiringNew().call(() -> {
                Notification n = notifications.claimPendingEmail(from).orElse(null);
                if (n == null) {
                    return false;
                }
                claimed[0] = n.id();
                return send(n);
            });
            if (claimed[0] == null) {
                break;
            }
            after = claimed[0];
            if (ok) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends one claimed message (its row locked by this transaction) and records the outcome. */
    private boolean send(Notification n) {
        long id = n.id();
        try {
            Mail mail = Mail.withText(n.recipient().email(), n.subject(), n.body());
            if (n.ics() != null) {
                String method = n.kind() == Notification.Kind.CANCELLATION ? "CANCEL" : "REQUEST";
                mail.addAttachment(
                        n.kind() == Notification.Kind.CANCELLATION ? "cancel.ics" : "invite.ics",
                        n.ics().getBytes(StandardCharsets.UTF_8),
                        "text/calendar; charset=UTF-8; method=" + method);
            }
            mailer.send(mail);
            n.emailSent(clock.instant());
            return true;
        } catch (RuntimeException e) {
            // The recipient by id, never by address: logs are not a place for personal data.
            LOG.warnf(
                    "E-mail %d to person %d failed (attempt %d): %s",
                    id, n.recipient().id(), n.emailAttempts() + 1, e.getClass().getSimpleName());
            n.emailFailed(e.getMessage(), config.maxAttempts());
            return false;
        }
    }
}
