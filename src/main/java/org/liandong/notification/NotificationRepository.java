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

    public List<Long> pendingEmailIds(int limit) {
        return getEntityManager()
                .createQuery("select n.id from Notification n where n.emailStatus = ?1 order by n.id", Long.class)
                .setParameter(1, Notification.EmailStatus.PENDING)
                .setMaxResults(limit)
                .getResultList();
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
