package org.liandong.opinion;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.liandong.directory.Role;

/** One opinion: edit the draft, sign it (password re-confirmed), correct it by a new revision. */
@Path("/api")
@RolesAllowed(Role.OFFICIAL_NAME)
public class OpinionResource {

    private final OpinionService service;

    OpinionResource(OpinionService service) {
        this.service = service;
    }

    @PUT
    @Path("opinions/{id}")
    public OpinionView edit(@PathParam("id") long id, @Valid @NotNull OpinionRequest request) {
        return service.editDraft(id, request);
    }

    @POST
    @Path("opinions/{id}/sign")
    public OpinionView sign(@PathParam("id") long id, @Valid @NotNull SignRequest request) {
        return service.sign(id, request.password());
    }

    @POST
    @Path("opinions/{id}/corrections")
    public Response correct(@PathParam("id") long id, @Valid @NotNull OpinionRequest request, UriInfo uri) {
        OpinionView o = service.correct(id, request);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/opinions/{id}").build(o.id()))
                .entity(o)
                .build();
    }
}
