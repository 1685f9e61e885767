package org.liandong.opinion;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.liandong.directory.Role;

/** Department opinions of a session: draft, sign (password re-confirmed), correct; history kept. */
@Path("/api")
@Authenticated
public class OpinionResource {

    private final OpinionService service;

    OpinionResource(OpinionService service) {
        this.service = service;
    }

    @GET
    @Path("sessions/{id}/opinions")
    public List<OpinionView> list(@PathParam("id") long sessionId) {
        return service.listOpinions(sessionId).stream().map(OpinionView::of).toList();
    }

    @POST
    @Path("sessions/{id}/opinions")
    @RolesAllowed(Role.OFFICIAL_NAME)
    public Response record(@PathParam("id") long sessionId, @Valid @NotNull OpinionRequest request, UriInfo uri) {
        Opinion o = service.recordOpinion(sessionId, request);
        return Response.created(uri.getBaseUriBuilder().path("api/opinions/{id}").build(o.id())).entity(OpinionView.of(o)).build();
    }

    @PUT
    @Path("opinions/{id}")
    @RolesAllowed(Role.OFFICIAL_NAME)
    public OpinionView edit(@PathParam("id") long id, @Valid @NotNull OpinionRequest request) {
        return OpinionView.of(service.editDraft(id, request));
    }

    @POST
    @Path("opinions/{id}/sign")
    @RolesAllowed(Role.OFFICIAL_NAME)
    public OpinionView sign(@PathParam("id") long id, @Valid @NotNull SignRequest request) {
        return OpinionView.of(service.sign(id, request.password()));
    }

    @POST
    @Path("opinions/{id}/corrections")
    @RolesAllowed(Role.OFFICIAL_NAME)
    public Response correct(@PathParam("id") long id, @Valid @NotNull OpinionRequest request, UriInfo uri) {
        Opinion o = service.correct(id, request);
        return Response.created(uri.getBaseUriBuilder().path("api/opinions/{id}").build(o.id())).entity(OpinionView.of(o)).build();
    }
}
