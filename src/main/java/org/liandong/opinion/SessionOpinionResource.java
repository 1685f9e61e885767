package org.liandong.opinion;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.liandong.directory.Role;

/** A session's department opinions: every revision the caller may see, and a new draft for the caller's department. */
@Path("/api")
@Authenticated
public class SessionOpinionResource {

    private final OpinionService service;

    SessionOpinionResource(OpinionService service) {
        this.service = service;
    }

    @GET
    @Path("sessions/{id}/opinions")
    public List<OpinionView> list(@PathParam("id") long sessionId) {
        return service.listOpinions(sessionId);
    }

    @POST
    @Path("sessions/{id}/opinions")
    @RolesAllowed(Role.OFFICIAL_NAME)
    public Response record(@PathParam("id") long sessionId, @Valid @NotNull OpinionRequest request, UriInfo uri) {
        OpinionView o = service.recordOpinion(sessionId, request);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/opinions/{id}").build(o.id()))
                .entity(o)
                .build();
    }
}
