package org.liandong.material;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;
import org.liandong.project.ProjectView;

/**
 * Material file versions: upload (multipart, or resumable with {@code Content-Range} chunks),
 * lists, the bytes with their digest, and the coordinator's review. Thin: the service decides.
 */
@Path("/api")
@Authenticated
public class MaterialResource {

    private final MaterialService service;

    MaterialResource(MaterialService service) {
        this.service = service;
    }

    /**
     * Uploads one version: multipart/form-data with a {@code file} part. 201 with the version;
     * 200 with the existing version if it repeats the item's newest (same bytes, same uploader).
     */
    @POST
    @Path("projects/{id}/materials/{itemId}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(
            @PathParam("id") long id, @PathParam("itemId") long itemId, @RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "send the file as the multipart part named file");
        }
        MaterialService.Stored s = service.upload(id, itemId, file.uploadedFile(), file.fileName());
        return stored(s);
    }

    @GET
    @Path("projects/{id}/materials/{itemId}/files")
    public List<MaterialFileView> versions(@PathParam("id") long id, @PathParam("itemId") long itemId) {
        return service.listVersions(id, itemId);
    }

    /** The versions the project's checklist is accepted with. */
    @GET
    @Path("projects/{id}/materials/accepted")
    public List<MaterialFileView> accepted(@PathParam("id") long id) {
        return service.listAccepted(id);
    }

    /** Documents accepted for the same enterprise on its other projects: accept them by reference, no second upload. */
    @GET
    @Path("projects/{id}/materials/reusable")
    public List<MaterialFileView> reusable(@PathParam("id") long id) {
        return service.listReusable(id);
    }

    /** The review: {@code {status: ACCEPTED|NEEDS_CORRECTION|NOT_APPLICABLE, fileId, reason}}; answers the project. */
    @PUT
    @Path("projects/{id}/materials/{itemId}")
    @RolesAllowed(Role.COORDINATOR_NAME)
    public ProjectView review(
            @PathParam("id") long id, @PathParam("itemId") long itemId, @Valid @NotNull MaterialReviewRequest request) {
        return service.review(id, itemId, request);
    }

    /** Sends ONE correction notice listing every item marked NEEDS_CORRECTION; the project goes to SUPPLEMENTING. */
    @POST
    @Path("projects/{id}/materials/correction-notice")
    @RolesAllowed(Role.COORDINATOR_NAME)
    public ProjectView correctionNotice(@PathParam("id") long id, CorrectionNoticeRequest request) {
        return service.sendCorrectionNotice(id, request == null ? null : request.remark());
    }

    /** Accepted materials of a session's project, for the people invited to it. */
    @GET
    @Path("sessions/{id}/materials")
    public List<MaterialFileView> sessionMaterials(@PathParam("id") long id) {
        return service.listForSession(id);
    }

    @GET
    @Path("material-files/{fileId}")
    public MaterialFileView file(@PathParam("fileId") long fileId) {
        return service.getFile(fileId);
    }

    /**
     * The bytes, after their SHA-256 was checked again, with {@code Repr-Digest} (RFC 9530) and a
     * strong {@code ETag} (the hex SHA-256); {@code If-None-Match} answers 304. 404 for anyone
     * who may not see the version.
     */
    @GET
    @Path("material-files/{fileId}/content")
    public Response content(@PathParam("fileId") long fileId, Request request) {
        MaterialFileView f = service.getFile(fileId);
        EntityTag etag = new EntityTag(f.sha256());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        if (unchanged != null) {
            return unchanged.header("Repr-Digest", reprDigest(f.sha256())).build();
        }
        MaterialService.Content c = service.openContent(fileId);
        StreamingOutput body = out -> {
            try (InputStream in = c.bytes()) {
                in.transferTo(out);
            }
        };
        String disposition = (f.previewable() ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(f.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, f.mediaType())
                .tag(etag)
                .header("Repr-Digest", reprDigest(f.sha256()))
                .header("Content-Length", f.size())
                .header("Content-Disposition", disposition)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-cache")
                .build();
    }

    // ---- resumable upload ------------------------------------------------------------------------

    /** Begins a resumable upload: {@code {fileName, size}} → 201 with the upload (offset 0) and its Location. */
    @POST
    @Path("projects/{id}/materials/{itemId}/uploads")
    public Response startUpload(
            @PathParam("id") long id, @PathParam("itemId") long itemId, @Valid @NotNull UploadRequest request) {
        UploadView u = service.startUpload(id, itemId, request);
        return Response.created(URI.create(u.url())).entity(u).build();
    }

    /** How many bytes of the upload are stored: resume from {@code offset}. */
    @GET
    @Path("material-uploads/{uploadId}")
    public UploadView uploadStatus(@PathParam("uploadId") String uploadId) {
        return service.uploadStatus(uploadId);
    }

    /**
     * One chunk, {@code Content-Range: bytes <first>-<last>/<size>}, body the raw bytes. 200 with the
     * new offset; the last chunk answers 201 with the version (or 200 with the existing one, as above).
     */
    @PUT
    @Path("material-uploads/{uploadId}")
    @Consumes(MediaType.WILDCARD)
    public Response chunk(
            @PathParam("uploadId") String uploadId,
            @HeaderParam("Content-Range") String range,
            @HeaderParam("Content-Length") Long length,
            InputStream body) {
        MaterialService.ChunkResult r = service.appendChunk(uploadId, range, length, body);
        return r.stored() == null ? Response.ok(r.upload()).build() : stored(r.stored());
    }

    @DELETE
    @Path("material-uploads/{uploadId}")
    public Response cancelUpload(@PathParam("uploadId") String uploadId) {
        service.cancelUpload(uploadId);
        return Response.noContent().build();
    }

    private static Response stored(MaterialService.Stored s) {
        Response.ResponseBuilder r = s.created()
                ? Response.created(URI.create("/api/material-files/" + s.file().id()))
                : Response.ok();
        return r.entity(s.file()).build();
    }

    /** RFC 9530 {@code sha-256=:<base64>:} from the hex digest. */
    static String reprDigest(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }
}
