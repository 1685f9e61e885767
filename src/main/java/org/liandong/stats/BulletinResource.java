package org.liandong.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.YearMonth;
import java.util.List;
import org.liandong.account.CurrentUser;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;

/**
 * Monthly bulletins: listed and downloaded by coordinators, observers and admins; published by a
 * coordinator or admin ({@code POST /api/statistics/bulletins {"month":"YYYY-MM"}}) when the
 * scheduled publication has not run yet.
 */
@Path("/api/statistics/bulletins")
@RolesAllowed({Role.COORDINATOR_NAME, Role.OBSERVER_NAME, Role.ADMIN_NAME})
public class BulletinResource {

    /** {@code month} as YYYY-MM. */
    public record PublishRequest(@NotNull String month) {}

    private final BulletinService bulletins;
    private final CurrentUser me;

    BulletinResource(BulletinService bulletins, CurrentUser me) {
        this.bulletins = bulletins;
        this.me = me;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<BulletinView> list() {
        return bulletins.listBulletins();
    }

    @POST
    @RolesAllowed({Role.COORDINATOR_NAME, Role.ADMIN_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(PublishRequest request, UriInfo uri) {
        YearMonth month = Period.month("month", request == null ? null : request.month());
        BulletinView v = bulletins.publish(month, me.person().username());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(v.month() + ".pdf").build())
                .entity(v)
                .build();
    }

    @GET
    @Path("{month}.pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("month") String month) {
        Bulletin b =
                bulletins.findBulletin(parse(month)).orElseThrow(() -> ProblemException.notFound("bulletin", month));
        return Response.ok(b.pdf(), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"bulletin-" + month + ".pdf\"")
                .header(
                        "Digest",
                        "sha-256="
                                + java.util.Base64.getEncoder()
                                        .encodeToString(java.util.HexFormat.of().parseHex(b.pdfSha256())))
                .build();
    }

    @GET
    @Path("{month}.html")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String html(@PathParam("month") String month) {
        return bulletins.html(parse(month)).orElseThrow(() -> ProblemException.notFound("bulletin", month));
    }

    @GET
    @Path("{month}.xlsx")
    @Produces(StatisticsResource.XLSX)
    public Response xlsx(@PathParam("month") String month) {
        byte[] bytes = bulletins.xlsx(parse(month)).orElseThrow(() -> ProblemException.notFound("bulletin", month));
        return StatisticsResource.download(bytes, StatisticsResource.XLSX, "bulletin-" + month + ".xlsx");
    }

    private static YearMonth parse(String month) {
        return Period.month("month", month);
    }
}
