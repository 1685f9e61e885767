package org.liandong.decision;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.liandong.directory.Department;
import org.liandong.directory.DepartmentRepository;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;
import org.liandong.project.ProjectRepository;
import org.liandong.session.AttendanceService;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionRepository;
import org.liandong.session.SessionRole;
import org.liandong.support.Fixtures;

/**
 * A started session: the project accepted through the API, the session built, opened and started
 * at quorum on the session entities (project → IN_REVIEW; it starts now, at any hour the tests
 * run, which the scheduling API refuses outside working hours), and the given officials recorded
 * as attending.
 */
@ApplicationScoped
public class SessionFixture {

    /** Departments of the demo directory by the username of their official. */
    static final Map<String, String> DEPARTMENT_OF = Map.of(
            "city.drc", "370300-FGW", "city.nr", "370300-ZRZY", "city.eco", "370300-STHJ", "city.housing", "370300-ZJ");

    private final SessionRepository sessions;
    private final ProjectRepository projects;
    private final PersonRepository people;
    private final DepartmentRepository departments;
    private final AttendanceService attendance;

    SessionFixture(
            SessionRepository sessions,
            ProjectRepository projects,
            PersonRepository people,
            DepartmentRepository departments,
            AttendanceService attendance) {
        this.sessions = sessions;
        this.projects = projects;
        this.people = people;
        this.departments = departments;
        this.attendance = attendance;
    }

    public record Started(long projectId, long sessionId) {}

    /**
     * @param chair     username of the chair
     * @param required  officials whose departments are required; all are invited
     * @param attending officials who join the room
     */
    public Started start(String applicant, String chair, List<String> required, List<String> attending) {
        return start(Fixtures.registerProject(applicant), chair, required, attending);
    }

    /** As above, for a project already registered (e.g. with a particular enterprise name). */
    public Started start(long projectId, String chair, List<String> required, List<String> attending) {
        Fixtures.acceptProject(projectId);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            Person chairPerson = people.findByUsername(chair).orElseThrow();
            ReviewSession s = new ReviewSession(
                    projects.findById(projectId),
                    "联审会 " + projectId,
                    now.plusSeconds(60),
                    Duration.ofMinutes(90),
                    chairPerson,
                    null,
                    "coordinator",
                    now);
            for (String official : required) {
                Person p = people.findByUsername(official).orElseThrow();
                Department d = DEPARTMENT_OF.containsKey(official)
                        ? departments.findByCode(DEPARTMENT_OF.get(official)).orElseThrow()
                        : p.department();
                s.includeDepartment(d, true);
                s.invite(p, SessionRole.OFFICIAL, d, "coordinator", now);
            }
            sessions.persist(s);
            s.open(chairPerson, now);
            s.start(
                    chairPerson,
                    s.departments().stream().map(d -> d.departmentId()).toList(),
                    Duration.ZERO,
                    now);
            sessions.flush();
            attendance.recordJoin(
                    s.id(),
                    chairPerson.id(),
                    SessionRole.CHAIR,
                    chairPerson.department().id(),
                    now);
            for (String official : attending) {
                Person p = people.findByUsername(official).orElseThrow();
                attendance.recordJoin(
                        s.id(), p.id(), SessionRole.OFFICIAL, p.department().id(), now);
            }
            return new Started(projectId, s.id());
        });
    }
}
