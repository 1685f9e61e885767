package org.liandong.notification;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class NotificationRepository implements PanacheRepository<Notification> {

    public List<Notification> inbox(long personId, int limit) {
        return find("recipient.id = ?1 order by createdAt desc, id desc", personId)
                .page(0, limit)
                .list();
    }

    /**
     * The first pending e-mail after id {@code after}, locked for this transaction; rows another
     * transaction (another node's dispatcher) holds are skipped, not waited for
     * ({@code FOR UPDATE SKIP LOCKED}, lock timeout -2 in Hibernate's terms).
     */
    public java.util.Optional<Notification> claimPendingEmail(long after) {
        return getEntityManager()
                .createQuery(
                        "from Notification n where n.emailStatus = ?1 and n.id > ?2 order by n.id", Notification.class)
                .setParameter(1, Notification.EmailStatus.PENDING)
                .setParameter(2, after)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** The newest message with a calendar file for this person and session: their current invitation. */
    public java.util.Optional<Notification> latestCalendar(long personId, long sessionId) {
        return find(
                        "recipient.id = ?1 and sessionId = ?2 and ics is not null order by createdAt desc, id desc",
                        personId,
                        sessionId)
                .firstResultOptional();
    }
}
