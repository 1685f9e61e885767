package org.liandong.session;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.liandong.account.CurrentUser;
import org.liandong.common.Csv;
import org.liandong.common.ProblemException;
import org.liandong.common.TimeConfig;

/**
 * The attendance record of one session, as JSON or CSV ({@code Accept: text/csv} or {@code .csv});
 * the CSV opens correctly and safely in Excel and WPS (see {@link Csv}).
 */
@Path("/api")
@Authenticated
public class AttendanceResource {

    private static final String CSV = "text/csv";

    private final AttendanceService attendance;
    private final SessionService sessions;
    private final CurrentUser me;

    private final java.time.ZoneId zone;

    AttendanceResource(AttendanceService attendance, SessionService sessions, CurrentUser me, TimeConfig time) {
        this.zone = time.zone();
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
        String body = Csv.document(
                AttendanceView.CSV_HEADER,
                list(id).stream().map(a -> a.csvCells(zone)).toList());
        return Response.ok(body, Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"session-" + id + "-attendance.csv\"")
                .build();
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
        me.requireStaffFor("attendance records");
        return attendance.listAttendance(id);
    }
}
