package org.liandong.archive;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.liandong.directory.Role;

/** The case archive: export (coordinator, observer) and a check anyone can run on an archive they hold. */
@Path("/api")
@Authenticated
public class CaseArchiveResource {

    private static final String ZIP = "application/zip";

    private final CaseArchiveService service;

    CaseArchiveResource(CaseArchiveService service) {
        this.service = service;
    }

    @GET
    @Path("projects/{id}/archive.zip")
    @Produces(ZIP)
    @RolesAllowed({Role.COORDINATOR_NAME, Role.OBSERVER_NAME})
    public Response archive(@PathParam("id") long projectId) {
        return Response.ok(service.archive(projectId), ZIP)
                .header("Content-Disposition", "attachment; filename=\"project-" + projectId + "-archive.zip\"")
                .build();
    }

    @POST
    @Path("archives/verify")
    @PermitAll
    @Consumes({ZIP, MediaType.APPLICATION_OCTET_STREAM})
    public ArchiveCheckView verify(byte[] archive) {
        return service.verify(archive);
    }
}
