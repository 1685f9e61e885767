package org.liandong.project;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.liandong.common.Page;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;

/** Investment projects: registration, search, checklist and lifecycle actions. */
@Path("/api")
@Authenticated
public class ProjectResource {

    private static final String STAFF = Role.COORDINATOR_NAME;

    private final ProjectService service;

    ProjectResource(ProjectService service) {
        this.service = service;
    }

    @GET
    @Path("matter-types")
    public List<ProjectView.MatterTypeView> matterTypes() {
        return service.listMatterTypes().stream()
                .map(ProjectView.MatterTypeView::of)
                .toList();
    }

    @GET
    @Path("projects")
    public Page<ProjectSummary> search(
            @QueryParam("status") ProjectStatus status,
            @QueryParam("county") String county,
            @QueryParam("q") String text,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.searchProjects(status, county, text, page, size);
    }

    @POST
    @Path("projects")
    @RolesAllowed({STAFF, Role.ADMIN_NAME, Role.APPLICANT_NAME, Role.PROXY_AGENT_NAME})
    public Response register(@Valid @NotNull ProjectRequest request, UriInfo uri) {
        ProjectView p = service.registerProject(request);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/projects/{id}").build(p.id()))
                .entity(p)
                .build();
    }

    @GET
    @Path("projects/{id}")
    public ProjectView get(@PathParam("id") long id) {
        return view(id, service.getProject(id));
    }

    @GET
    @Path("projects/{id}/clock")
    public ClockView clock(@PathParam("id") long id) {
        return service.getClock(id).orElseThrow(() -> ProblemException.notFound("project", id));
    }

    /** Projects due within {@code within} working days (default 3) or overdue, most urgent first. */
    @GET
    @Path("projects/at-risk")
    public List<ProjectSummary> atRisk(@QueryParam("within") @DefaultValue("3") @Min(0) @Max(60) int within) {
        return service.listAtRisk(within);
    }

    @POST
    @Path("projects/{id}/submit")
    public ProjectView submit(@PathParam("id") long id) {
        return view(id, service.submit(id));
    }

    @POST
    @Path("projects/{id}/pre-review")
    public ProjectView startPreReview(@PathParam("id") long id) {
        return view(id, service.startPreReview(id));
    }

    @POST
    @Path("projects/{id}/accept")
    public ProjectView accept(@PathParam("id") long id) {
        return view(id, service.accept(id));
    }

    @POST
    @Path("projects/{id}/request-supplement")
    public ProjectView requestSupplement(@PathParam("id") long id, @Valid @NotNull ReasonRequest request) {
        return view(id, service.requestSupplement(id, request.reason()));
    }

    @POST
    @Path("projects/{id}/resubmit")
    public ProjectView resubmit(@PathParam("id") long id) {
        return view(id, service.resubmit(id));
    }

    @POST
    @Path("projects/{id}/withdraw")
    public ProjectView withdraw(@PathParam("id") long id, @Valid @NotNull ReasonRequest request) {
        return view(id, service.withdraw(id, request.reason()));
    }

    private static ProjectView view(long id, Optional<ProjectView> p) {
        return p.orElseThrow(() -> ProblemException.notFound("project", id));
    }
}
