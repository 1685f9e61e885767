package org.liandong.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.liandong.common.TimeConfig;
import org.liandong.directory.Department;
import org.liandong.directory.Person;
import org.liandong.project.Project;
import org.liandong.project.ProjectStatus;
import org.liandong.project.WorkingDayCalendar;

/**
 * The scheduling rules, each returning every clash it finds rather than stopping at the first:
 * the project must be accepted, the chair allowed to chair, every required department spoken for,
 * the slot inside working hours of one working day, and nobody double-booked.
 */
@ApplicationScoped
public class ConflictChecker {

    private final SessionRepository sessions;
    private final WorkingDayCalendar calendar;
    private final SessionConfig config;
    private final ZoneId zone;

    ConflictChecker(SessionRepository sessions, WorkingDayCalendar calendar, SessionConfig config, TimeConfig time) {
        this.sessions = sessions;
        this.calendar = calendar;
        this.config = config;
        this.zone = time.zone();
    }

    public List<Clash> lineUp(Project project, Person chair, List<Department> requiredWithoutOfficial) {
        List<Clash> clashes = new ArrayList<>();
        if (project.status() != ProjectStatus.ACCEPTED) {
            clashes.add(Clash.of(
                    Clash.Kind.PROJECT_NOT_ACCEPTED,
                    "project " + project.projectCode() + " is " + project.status()
                            + "; only an accepted project can be reviewed"));
        }
        if (!chair.mayChair()) {
            clashes.add(new Clash(
                    Clash.Kind.CHAIR_NOT_ALLOWED,
                    chair.displayName() + " may not chair a review session",
                    chair.id(),
                    chair.displayName(),
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        for (Department d : requiredWithoutOfficial) {
            clashes.add(new Clash(
                    Clash.Kind.REQUIRED_DEPARTMENT_WITHOUT_OFFICIAL,
                    d.nameZh() + " (" + d.code() + ") is required but no official of it is invited",
                    null,
                    null,
                    d.id(),
                    d.code(),
                    null,
                    null,
                    null));
        }
        return clashes;
    }

    public List<Clash> slot(Instant start, Duration duration) {
        List<Clash> clashes = new ArrayList<>();
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = start.plus(duration).atZone(zone);
        if (!calendar.isWorkingDay(from.toLocalDate())) {
            clashes.add(Clash.of(Clash.Kind.NON_WORKING_DAY, from.toLocalDate() + " is not a working day"));
        }
        LocalTime open = config.workdayStart();
        LocalTime close = config.workdayEnd();
        if (from.toLocalTime().isBefore(open)
                || !to.toLocalDate().equals(from.toLocalDate())
                || to.toLocalTime().isAfter(close)) {
            clashes.add(Clash.of(
                    Clash.Kind.OUTSIDE_WORKING_HOURS,
                    from.toLocalTime() + "–" + to.toLocalTime() + " is outside working hours " + open + "–" + close
                            + " (" + zone + ")"));
        }
        return clashes;
    }

    public List<Clash> busy(Collection<Person> people, Instant start, Instant end, Long exceptSessionId) {
        Map<Long, Person> byId =
                people.stream().collect(Collectors.toMap(Person::id, Function.identity(), (a, b) -> a));
        return sessions.overlappingInvitations(byId.keySet(), start, end, exceptSessionId).stream()
                .map(i -> {
                    ReviewSession other = i.session();
                    Person p = byId.get(i.personId());
                    return new Clash(
                            Clash.Kind.PERSON_BUSY,
                            p.displayName() + " is already in session " + other.id() + " (" + other.startsAt() + "–"
                                    + other.endsAt() + ")",
                            p.id(),
                            p.displayName(),
                            null,
                            null,
                            other.id(),
                            other.startsAt(),
                            other.endsAt());
                })
                .toList();
    }
}
