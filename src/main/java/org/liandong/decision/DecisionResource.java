package org.liandong.decision;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;

/** Issued decisions: documents, the applicant inbox and rating, verification by anyone. */
@Path("/api")
@Authenticated
public class DecisionResource {

    private static final String PDF = "application/pdf";
    /** The media type OFD readers and Chinese e-government systems use (not IANA-registered). */
    private static final String OFD = "application/ofd";

    private final DecisionService service;

    DecisionResource(DecisionService service) {
        this.service = service;
    }

    @GET
    @Path("decisions/{id}")
    public DecisionView get(@PathParam("id") long id) {
        return service.getDecision(id).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("decisions/{id}/document.pdf")
    @Produces(PDF)
    public Response pdf(@PathParam("id") long id) {
        DecisionService.IssuedDocument d = service.getDocument(id).orElseThrow(() -> notFound(id));
        return Response.ok(d.bytes(), PDF)
                .header("Content-Disposition", attachment(d.number() + ".pdf"))
                .build();
    }

    /** The same decision as OFD (GB/T 33190) with an SM2 e-seal; 404 when it was issued without one. */
    @GET
    @Path("decisions/{id}/document.ofd")
    @Produces(OFD)
    public Response ofd(@PathParam("id") long id) {
        DecisionService.IssuedDocument d =
                service.getOfd(id).orElseThrow(() -> ProblemException.notFound("decision OFD", id));
        return Response.ok(d.bytes(), OFD)
                .header("Content-Disposition", attachment(d.number() + ".ofd"))
                .build();
    }

    @GET
    @Path("decisions/{id}/document.html")
    @Produces(MediaType.TEXT_HTML)
    public String html(@PathParam("id") long id) {
        return service.getHtml(id).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("projects/{id}/decisions")
    public List<DecisionView> byProject(@PathParam("id") long projectId) {
        return service.listByProject(projectId);
    }

    @GET
    @Path("inbox/decisions")
    public List<DecisionView> inbox() {
        return service.inbox();
    }

    @POST
    @Path("decisions/{id}/rating")
    @RolesAllowed({Role.APPLICANT_NAME, Role.PROXY_AGENT_NAME})
    public DecisionView rate(@PathParam("id") long id, @Valid @NotNull RatingRequest request) {
        return service.rate(id, request);
    }

    /** Anyone holding a document may check it: by number and SHA-256. */
    @GET
    @Path("decisions/verify")
    @PermitAll
    public VerificationView verify(@QueryParam("number") String number, @QueryParam("sha256") String sha256) {
        return service.verify(number, null, sha256);
    }

    /** Anyone holding a document may check it: by number and the file itself (the PDF as the request body). */
    @POST
    @Path("decisions/verify")
    @PermitAll
    @Consumes({PDF, MediaType.APPLICATION_OCTET_STREAM})
    public VerificationView verifyFile(@QueryParam("number") String number, byte[] file) {
        return service.verify(number, file, null);
    }

    @GET
    @Path("decisions/seal.pem")
    @PermitAll
    @Produces("application/x-pem-file")
    public String sealCertificate() {
        return service.sealCertificate();
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("decision", id);
    }

    /** RFC 6266 with an ASCII fallback: the number contains Chinese characters. */
    static String attachment(String filename) {
        String ascii = filename.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
