package org.liandong.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.liandong.directory.Role;

/** The audit trail: the chain check for admins, one entity's history for staff and supervision. */
@Path("/api")
public class AuditResource {

    private final AuditLog log;

    AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @Path("audit/verify")
    @RolesAllowed(Role.ADMIN_NAME)
    public ChainReport verify() {
        return log.verify();
    }

    @GET
    @Path("audit/entries")
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.OBSERVER_NAME})
    public List<AuditEntryView> history(
            @QueryParam("entityType") @NotBlank String entityType, @QueryParam("entityId") @NotBlank String entityId) {
        return log.history(entityType, entityId).stream()
                .map(AuditEntryView::of)
                .toList();
    }
}
