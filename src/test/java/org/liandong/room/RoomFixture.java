package org.liandong.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;
import org.liandong.project.Project;
import org.liandong.project.ProjectRepository;
import org.liandong.session.JoinTokenService;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionRepository;
import org.liandong.session.SessionRole;
import org.liandong.support.Fixtures;

/**
 * Review sessions for room tests: chair (their department required), city.nr (required), city.drc
 * (optional), applicant and observer invited. The project is accepted through the API; the
 * session is built on the session entities because it must be open now, at any hour the tests
 * run, which the scheduling API rightly refuses outside working hours.
 */
@ApplicationScoped
public class RoomFixture {

    public static final List<String> INVITED = List.of("chair", "city.nr", "city.drc", "applicant", "observer");

    private final SessionRepository sessions;
    private final ProjectRepository projects;
    private final PersonRepository people;
    private final JoinTokenService tokens;
    private final Clock clock;

    RoomFixture(
            SessionRepository sessions,
            ProjectRepository projects,
            PersonRepository people,
            JoinTokenService tokens,
            Clock clock) {
        this.sessions = sessions;
        this.projects = projects;
        this.people = people;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A session running from {@code startsAt} for {@code duration}, on a freshly accepted project. */
    public long session(Instant startsAt, Duration duration) {
        long projectId = Fixtures.registerProject("applicant");
        Fixtures.acceptProject(projectId);
        return sessionOfAccepted(projectId, startsAt, duration);
    }

    /** A session that started a minute ago and lasts two hours. */
    public long session() {
        return session(clock.instant().minusSeconds(60), Duration.ofHours(2));
    }

    /** A session (invitations as above) on a project already accepted, e.g. with real material files. */
    @Transactional
    public long sessionOfAccepted(long projectId, Instant startsAt, Duration duration) {
        Person chair = person("chair");
        Project project = projects.findById(projectId);
        ReviewSession s = new ReviewSession(
                project, "联审会 room test", startsAt, duration, chair, List.of(), "coordinator", clock.instant());
        s.includeDepartment(chair.department(), true);
        s.includeDepartment(person("city.nr").department(), true);
        s.includeDepartment(person("city.drc").department(), false);
        s.invite(
                person("city.nr"),
                SessionRole.OFFICIAL,
                person("city.nr").department(),
                "coordinator",
                clock.instant());
        s.invite(
                person("city.drc"),
                SessionRole.OFFICIAL,
                person("city.drc").department(),
                "coordinator",
                clock.instant());
        s.invite(person("applicant"), SessionRole.APPLICANT, null, "coordinator", clock.instant());
        s.invite(person("observer"), SessionRole.OBSERVER, null, "coordinator", clock.instant());
        sessions.persist(s);
        return s.id();
    }

    /** Everyone the benchmark seats per room: the chair, six officials, three observers. */
    public static final List<String> BENCH_SEATS = List.of(
            "chair",
            "city.drc",
            "city.nr",
            "city.eco",
            "city.housing",
            "zichuan.approval",
            "zichuan.nr",
            "observer",
            "coordinator",
            "admin");

    /** {@code count} sessions of one project, each inviting {@link #BENCH_SEATS}; ids in order. */
    @Transactional
    public List<Long> benchSessions(long projectId, int count) {
        Project project = projects.findById(projectId);
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReviewSession s = new ReviewSession(
                    project,
                    "bench " + i,
                    clock.instant().minusSeconds(60),
                    Duration.ofHours(4),
                    person("chair"),
                    List.of(),
                    "coordinator",
                    clock.instant());
            for (String u : BENCH_SEATS.subList(1, BENCH_SEATS.size())) {
                Person p = person(u);
                boolean official = p.department() != null;
                if (official) {
                    s.includeDepartment(p.department(), false);
                }
                s.invite(
                        p,
                        official ? SessionRole.OFFICIAL : SessionRole.OBSERVER,
                        official ? p.department() : null,
                        "coordinator",
                        clock.instant());
            }
            sessions.persist(s);
            ids.add(s.id());
        }
        return ids;
    }

    public String token(long sessionId, String username) {
        return tokens.issue(sessionId, person(username).id());
    }

    /** A coordinator withdraws the invitation through the sessions API. */
    public void withdraw(long sessionId, String username) {
        Fixtures.as("coordinator")
                .delete("/api/sessions/" + sessionId + "/participants/" + personId(username) + "?reason=test")
                .then()
                .statusCode(200);
    }

    @Transactional
    long personId(String username) {
        return person(username).id();
    }

    @Transactional
    public String status(long sessionId) {
        return sessions.findById(sessionId).status().name();
    }

    private Person person(String username) {
        return people.findByUsername(username).orElseThrow();
    }
}
