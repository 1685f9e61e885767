package org.liandong.decision;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.liandong.directory.Role;

/** A session's decision: the chair's panel and issue; the session minutes, frozen at the decision, and their corrections. */
@Path("/api")
@Authenticated
public class SessionDecisionResource {

    private static final String PDF = "application/pdf";

    private final DecisionService service;
    private final MinutesService minutes;

    SessionDecisionResource(DecisionService service, MinutesService minutes) {
        this.service = service;
        this.minutes = minutes;
    }

    @GET
    @Path("sessions/{id}/decision")
    public DecisionPanelView panel(@PathParam("id") long sessionId) {
        return service.panel(sessionId);
    }

    @POST
    @Path("sessions/{id}/decision")
    @RolesAllowed(Role.OFFICIAL_NAME)
    public Response issue(@PathParam("id") long sessionId, UriInfo uri) {
        DecisionView d = service.issue(sessionId);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/decisions/{id}").build(d.id()))
                .entity(d)
                .build();
    }

    @GET
    @Path("sessions/{id}/minutes.pdf")
    @Produces(PDF)
    public Response minutesPdf(@PathParam("id") long sessionId) {
        return Response.ok(minutes.pdf(sessionId), PDF)
                .header("Content-Disposition", DecisionResource.attachment("minutes-" + sessionId + ".pdf"))
                .build();
    }

    @GET
    @Path("sessions/{id}/minutes.html")
    @Produces(MediaType.TEXT_HTML)
    public String minutesHtml(@PathParam("id") long sessionId) {
        return minutes.html(sessionId);
    }

    /** Every frozen version of the minutes with its SHA-256 (empty before the decision). */
    @GET
    @Path("sessions/{id}/minutes")
    public List<MinutesView> minutesVersions(@PathParam("id") long sessionId) {
        return minutes.versions(sessionId);
    }

    /** A corrected version of frozen minutes (chair or coordinator); the previous version stays. */
    @POST
    @Path("sessions/{id}/minutes/corrections")
    @RolesAllowed({Role.OFFICIAL_NAME, Role.COORDINATOR_NAME})
    public Response correctMinutes(@PathParam("id") long sessionId, MinutesCorrectionRequest request) {
        MinutesView v = minutes.correct(sessionId, request == null ? null : request.correctionReason());
        return Response.status(Response.Status.CREATED).entity(v).build();
    }
}
