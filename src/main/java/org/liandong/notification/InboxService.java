package org.liandong.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.liandong.common.ProblemException;

/** A person's in-app inbox. Nobody sees another person's messages: a foreign id is answered as unknown (404). */
@ApplicationScoped
@Transactional
public class InboxService {

    private final NotificationRepository notifications;
    private final Clock clock;

    InboxService(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The latest 100 messages of {@code personId}, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InboxView> listInbox(long personId) {
        return notifications.inbox(personId, 100).stream().map(InboxView::of).toList();
    }

    public InboxView markRead(long personId, long id) {
        Notification n = own(personId, id);
        n.markRead(clock.instant());
        return InboxView.of(n);
    }

    /** The iCalendar text attached to one of the person's messages, and its session id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Notification findCalendarMessage(long personId, long id) {
        Notification n = own(personId, id);
        if (n.ics() == null) {
            throw ProblemException.notFound("calendar file of message", id);
        }
        return n;
    }

    private Notification own(long personId, long id) {
        return notifications
                .findByIdOptional(id)
                .filter(n -> n.recipient().id() == personId)
                .orElseThrow(() -> ProblemException.notFound("message", id));
    }
}
