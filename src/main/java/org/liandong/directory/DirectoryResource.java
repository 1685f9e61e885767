package org.liandong.directory;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.liandong.common.ProblemException;

/**
 * Regions, departments and people. Anyone signed in may read regions and departments (forms need
 * them); people are listed for staff only. Every write is admin-only.
 */
@Path("/api")
@Authenticated
public class DirectoryResource {

    private final DirectoryService directory;

    DirectoryResource(DirectoryService directory) {
        this.directory = directory;
    }

    @GET
    @Path("regions")
    public List<RegionView> regions(@QueryParam("level") RegionLevel level, @QueryParam("parent") String parent) {
        return directory.listRegions(level, parent).stream().map(RegionView::of).toList();
    }

    @GET
    @Path("regions/{code}")
    public RegionView region(@PathParam("code") String code) {
        return directory
                .findRegion(code)
                .map(RegionView::of)
                .orElseThrow(() -> ProblemException.notFound("region", code));
    }

    @POST
    @Path("regions")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response createRegion(@Valid @NotNull RegionRequest request, UriInfo uri) {
        Region r = directory.createRegion(request);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/regions/{code}").build(r.code()))
                .entity(RegionView.of(r))
                .build();
    }

    @GET
    @Path("departments")
    public List<DepartmentView> departments(@QueryParam("region") String region) {
        return directory.listDepartments(region).stream()
                .map(DepartmentView::of)
                .toList();
    }

    @GET
    @Path("departments/{id}")
    public DepartmentView department(@PathParam("id") long id) {
        return directory
                .findDepartment(id)
                .map(DepartmentView::of)
                .orElseThrow(() -> ProblemException.notFound("department", id));
    }

    @POST
    @Path("departments")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response createDepartment(@Valid @NotNull DepartmentRequest request, UriInfo uri) {
        Department d = directory.createDepartment(request);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/departments/{id}").build(d.id()))
                .entity(DepartmentView.of(d))
                .build();
    }

    @GET
    @Path("people")
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.OFFICIAL_NAME, Role.OBSERVER_NAME})
    public List<PersonView> people(@QueryParam("role") Role role, @QueryParam("department") Long department) {
        return directory.listPeople(role, department).stream()
                .map(PersonView::of)
                .toList();
    }

    @GET
    @Path("people/{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.OFFICIAL_NAME, Role.OBSERVER_NAME})
    public PersonView person(@PathParam("id") long id) {
        return directory.findPerson(id).map(PersonView::of).orElseThrow(() -> ProblemException.notFound("person", id));
    }

    @POST
    @Path("people")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response createPerson(@Valid @NotNull PersonRequest request, UriInfo uri) {
        Person p = directory.createPerson(request);
        return Response.created(uri.getBaseUriBuilder().path("api/people/{id}").build(p.id()))
                .entity(PersonView.of(p))
                .build();
    }

    @PUT
    @Path("people/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public PersonView updatePerson(@PathParam("id") long id, @Valid @NotNull PersonRequest request) {
        return directory
                .updatePerson(id, request)
                .map(PersonView::of)
                .orElseThrow(() -> ProblemException.notFound("person", id));
    }
}
