package org.liandong.media;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.List;
import org.liandong.account.CurrentUser;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;

/** Recording of a session: the chair switches it; the session page lists the files with their digests. */
// Class path "/api" like every resource: a longer class path would shadow the others' /api/sessions/{id}/... routes.
@Path("/api")
@Authenticated
public class RecordingResource {

    private final RecordingService recordings;
    private final RecordingRelay relay;
    private final CurrentUser me;

    RecordingResource(RecordingService recordings, RecordingRelay relay, CurrentUser me) {
        this.recordings = recordings;
        this.relay = relay;
        this.me = me;
    }

    /**
     * {@code {"on": true}} starts recording, {@code {"on": false}} stops it and answers with what was
     * filed; on whichever node holds the room (504 when it does not answer in time).
     */
    @POST
    @Path("sessions/{id}/recording")
    public List<RecordingView> switchRecording(@PathParam("id") long id, RecordingRequest request) {
        if (request == null || request.on() == null) {
            throw ProblemException.invalid("on", "required: true to start recording, false to stop");
        }
        if (!recordings.mayRecord(id, me.person().username(), me.is(Role.COORDINATOR))) {
            throw ProblemException.forbidden("only the session's chair or a coordinator switches recording");
        }
        return relay.switchRecording(id, request.on(), me.person().username()); // on the room's node
    }

    @GET
    @Path("sessions/{id}/recordings")
    public List<RecordingView> list(@PathParam("id") long id) {
        forbidParties();
        return recordings.listRecordings(id);
    }

    @GET
    @Path("sessions/{id}/recordings/{recordingId}/file")
    @Produces("video/webm")
    public Response file(@PathParam("id") long id, @PathParam("recordingId") long recordingId) {
        forbidParties();
        SessionRecording r = recordings.findRecording(id, recordingId);
        java.nio.file.Path file = java.nio.file.Path.of(r.path());
        if (!Files.isRegularFile(file)) {
            throw ProblemException.notFound("recording file", r.fileName());
        }
        return Response.ok(file.toFile(), r.fileName().endsWith(".opus") ? "audio/ogg" : "video/webm")
                .header("Content-Disposition", "attachment; filename=\"" + r.fileName() + "\"")
                .header("Digest", "sha-256=" + r.sha256())
                .build();
    }

    // Recordings show the deliberation too: the applicant side never sees them.
    private void forbidParties() {
        me.requireStaffFor("session recordings");
    }
}
