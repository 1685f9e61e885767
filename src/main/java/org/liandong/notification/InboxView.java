package org.liandong.notification;

import java.time.Instant;

/** One inbox message; {@code hasCalendar} says whether a .ics download exists. */
public record InboxView(
        long id,
        Long sessionId,
        Notification.Kind kind,
        String subject,
        String body,
        Instant createdAt,
        Instant readAt,
        boolean hasCalendar,
        Notification.EmailStatus emailStatus) {

    public static InboxView of(Notification n) {
        return new InboxView(
                n.id(),
                n.sessionId(),
                n.kind(),
                n.subject(),
                n.body(),
                n.createdAt(),
                n.readAt(),
                n.ics() != null,
                n.emailStatus());
    }
}
