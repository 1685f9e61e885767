package org.liandong.session;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.liandong.account.CurrentUser;
import org.liandong.common.ProblemException;

/** The attendance record of one session, as JSON or CSV ({@code Accept: text/csv} or {@code .csv}). */
@Path("/api")
@Authenticated
public class AttendanceResource {

    private static final String CSV = "text/csv";

    private final AttendanceService attendance;
    private final SessionService sessions;
    private final CurrentUser me;

    AttendanceResource(AttendanceService attendance, SessionService sessions, CurrentUser me) {
        this.attendance = attendance;
        this.sessions = sessions;
        this.me = me;
    }

    @GET
    @Path("sessions/{id}/attendance")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AttendanceView> json(@PathParam("id") long id) {
        return list(id);
    }

    // qs below 1: a client that accepts anything (*/*) gets JSON.
    @GET
    @Path("sessions/{id}/attendance")
    @Produces(CSV + ";qs=0.5")
    public Response csv(@PathParam("id") long id) {
        String body = AttendanceView.CSV_HEADER + "\r\n" + list(id).stream().map(AttendanceView::csvLine)
                .map(l -> l + "\r\n").collect(Collectors.joining());
        return Response.ok(body, CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"session-" + id + "-attendance.csv\"").build();
    }

    @GET
    @Path("sessions/{id}/attendance.csv")
    @Produces(CSV + ";charset=UTF-8")
    public Response csvFile(@PathParam("id") long id) {
        return csv(id);
    }

    private List<AttendanceView> list(long id) {
        if (sessions.findSessionView(id).isEmpty()) {
            throw ProblemException.notFound("session", id);
        }
        // Attendance names everyone present; the applicant side sees only its own sessions, not this record.
        if (me.isPartyOnly()) {
            throw ProblemException.forbidden("applicants and proxy agents cannot see attendance records");
        }
        return attendance.listAttendance(id);
    }
}
