package org.liandong.notification;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.liandong.account.CurrentUser;

/** The signed-in person's in-app inbox, with calendar downloads. Nobody sees another person's messages.
 * (Class path {@code /api} like every resource: a longer class path would shadow other resources' {@code /api/...} paths.) */
@Path("/api")
@Authenticated
public class InboxResource {

    private final InboxService inbox;
    private final CurrentUser me;

    InboxResource(InboxService inbox, CurrentUser me) {
        this.inbox = inbox;
        this.me = me;
    }

    @GET
    @Path("me/inbox")
    public List<InboxView> list() {
        return inbox.listInbox(me.id());
    }

    @POST
    @Path("me/inbox/{id}/read")
    public InboxView markRead(@PathParam("id") long id) {
        return inbox.markRead(me.id(), id);
    }

    @GET
    @Path("me/inbox/{id}/calendar.ics")
    @Produces("text/calendar")
    public Response calendar(@PathParam("id") long id) {
        Notification n = inbox.findCalendarMessage(me.id(), id);
        return Response.ok(n.ics(), "text/calendar; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"liandong-session-" + n.sessionId() + ".ics\"")
                .build();
    }
}
