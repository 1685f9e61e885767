package org.liandong.session;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.liandong.account.CurrentUser;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;

/** Review sessions: scheduling with clash checks, reschedule, cancel, invitations and join links. */
@Path("/api")
@Authenticated
public class SessionResource {

    private static final String STAFF = Role.COORDINATOR_NAME;

    private final SchedulingService scheduling;
    private final JoinTokenService tokens;
    private final CurrentUser me;

    SessionResource(SchedulingService scheduling, JoinTokenService tokens, CurrentUser me) {
        this.scheduling = scheduling;
        this.tokens = tokens;
        this.me = me;
    }

    /** The clashes a request would meet, without scheduling it: what the form shows inline. */
    public record CheckView(List<Clash> clashes) {}

    /** The caller's own join link for a session. */
    public record JoinLinkView(String url, String token, Instant validFrom, Instant validUntil) {}

    @POST
    @Path("sessions")
    @RolesAllowed(STAFF)
    public Response schedule(@Valid @NotNull SessionRequest request, UriInfo uri) {
        SessionView s = scheduling.schedule(request);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/sessions/{id}").build(s.id()))
                .entity(s)
                .build();
    }

    @POST
    @Path("sessions/check")
    @RolesAllowed(STAFF)
    public CheckView check(@Valid @NotNull SessionRequest request) {
        return new CheckView(scheduling.check(request));
    }

    @GET
    @Path("sessions")
    public List<SessionView> list(
            @QueryParam("from") Instant from,
            @QueryParam("to") Instant to,
            @QueryParam("projectId") Long projectId,
            @QueryParam("personId") Long personId) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return scheduling.listSessions(from, to, projectId, personId);
    }

    @GET
    @Path("me/sessions")
    public List<SessionView> mine(@QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        return scheduling.listSessions(from, to, null, me.id());
    }

    @GET
    @Path("sessions/{id}")
    public SessionView get(@PathParam("id") long id) {
        return found(id);
    }

    @POST
    @Path("sessions/{id}/reschedule")
    @RolesAllowed(STAFF)
    public SessionView reschedule(@PathParam("id") long id, @Valid @NotNull RescheduleRequest request) {
        return scheduling.reschedule(id, request);
    }

    @POST
    @Path("sessions/{id}/cancel")
    @RolesAllowed(STAFF)
    public SessionView cancel(@PathParam("id") long id, @Valid @NotNull CancelRequest request) {
        return scheduling.cancel(id, request.reason());
    }

    @POST
    @Path("sessions/{id}/participants")
    @RolesAllowed(STAFF)
    public SessionView invite(@PathParam("id") long id, @Valid @NotNull ParticipantRequest request) {
        return scheduling.invite(id, request);
    }

    @DELETE
    @Path("sessions/{id}/participants/{personId}")
    @RolesAllowed(STAFF)
    public SessionView withdraw(
            @PathParam("id") long id,
            @PathParam("personId") long personId,
            @QueryParam("reason")
                    @jakarta.validation.constraints.Size(max = org.liandong.common.TextLimits.WITHDRAW_REASON)
                    String reason) {
        return scheduling.withdrawInvitation(id, personId, reason);
    }

    @PUT
    @Path("sessions/{id}/agenda")
    @RolesAllowed(STAFF)
    public SessionView agenda(@PathParam("id") long id, @Valid @NotNull AgendaRequest request) {
        return scheduling.editAgenda(id, request.items());
    }

    /** The caller's own invitation as an RFC 5545 file (METHOD:CANCEL once cancelled or withdrawn). */
    @GET
    @Path("sessions/{id}/invitation.ics")
    @Produces("text/calendar")
    public Response invitation(@PathParam("id") long id) {
        return Response.ok(scheduling.invitationIcs(id), "text/calendar; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"liandong-session-" + id + ".ics\"")
                .build();
    }

    @GET
    @Path("sessions/{id}/join-link")
    public JoinLinkView joinLink(@PathParam("id") long id) {
        found(id);
        Admission a = tokens.admissionFor(id, me.person().username())
                .orElseThrow(() -> ProblemException.forbidden("you are not invited to session " + id));
        String token = tokens.issue(id, a.personId());
        return new JoinLinkView(tokens.joinUrl(id, token), token, a.validFrom(), a.validUntil());
    }

    private SessionView found(long id) {
        return scheduling.getSession(id).orElseThrow(() -> ProblemException.notFound("session", id));
    }
}
