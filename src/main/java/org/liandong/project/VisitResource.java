package org.liandong.project;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.liandong.directory.Role;

/** In-person visits of a project: {@code POST} (coordinator) logs one, {@code GET} lists them. */
@Path("/api/projects/{id}/visits")
public class VisitResource {

    private final VisitService visits;

    VisitResource(VisitService visits) {
        this.visits = visits;
    }

    @POST
    @RolesAllowed(Role.COORDINATOR_NAME)
    public Response log(@PathParam("id") long id, @Valid @NotNull VisitRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(visits.logVisit(id, request))
                .build();
    }

    @GET
    @RolesAllowed({Role.COORDINATOR_NAME, Role.OBSERVER_NAME, Role.ADMIN_NAME})
    public List<VisitView> list(@PathParam("id") long id) {
        return visits.listVisits(id);
    }
}
