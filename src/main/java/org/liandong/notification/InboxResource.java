package org.liandong.notification;

import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.liandong.account.CurrentUser;
import org.liandong.common.ProblemException;

/** The signed-in person's in-app inbox, with calendar downloads. Nobody sees another person's messages.
 * (Class path {@code /api} like every resource: a longer class path would shadow other resources' {@code /api/...} paths.) */
@Path("/api")
@Authenticated
public class InboxResource {

    private final NotificationRepository notifications;
    private final CurrentUser me;
    private final Clock clock;

    InboxResource(NotificationRepository notifications, CurrentUser me, Clock clock) {
        this.notifications = notifications;
        this.me = me;
        this.clock = clock;
    }

    @GET
    @Path("me/inbox")
    public List<InboxView> list() {
        return notifications.inbox(me.id(), 100).stream().map(InboxView::of).toList();
    }

    @POST
    @Path("me/inbox/{id}/read")
    @Transactional
    public InboxView markRead(@PathParam("id") long id) {
        Notification n = own(id);
        n.markRead(clock.instant());
        return InboxView.of(n);
    }

    @GET
    @Path("me/inbox/{id}/calendar.ics")
    @Produces("text/calendar")
    public Response calendar(@PathParam("id") long id) {
        Notification n = own(id);
        if (n.ics() == null) {
            throw ProblemException.notFound("calendar file of message", id);
        }
        return Response.ok(n.ics(), "text/calendar; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"liandong-session-" + n.sessionId() + ".ics\"").build();
    }

    private Notification own(long id) {
        return notifications.findByIdOptional(id).filter(n -> n.recipient().id() == me.id())
                .orElseThrow(() -> ProblemException.notFound("message", id));
    }
}
