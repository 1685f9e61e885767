package org.liandong.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.liandong.common.TimeConfig;
import org.liandong.project.ClockView;
import org.liandong.project.Project;
import org.liandong.project.ProjectEvent;
import org.liandong.project.ProjectStatus;
import org.liandong.project.StatutoryClock;
import org.liandong.project.WorkingDayCalendar;

/**
 * Computes {@code stats_case}: one row of durations and flags per decided project, so that the
 * statistics never replay a timeline. Called only by {@link StatisticsSnapshot} (the one writer of
 * the statistics tables): in the transaction that decides the project, and by its catch-up for
 * decided projects without a row (written without the services, or decided before the table
 * existed). A decision is final, so the row never changes afterwards; visits logged later are counted
 * when the month's snapshot is recomputed.
 */
@ApplicationScoped
public class CaseFacts {

    private final EntityManager em;
    private final StatutoryClock statutoryClock;
    private final WorkingDayCalendar calendar;
    private final ZoneId zone;
    private final Clock clock;

    CaseFacts(
            EntityManager em,
            StatutoryClock statutoryClock,
            WorkingDayCalendar calendar,
            TimeConfig time,
            Clock clock) {
        this.em = em;
        this.statutoryClock = statutoryClock;
        this.calendar = calendar;
        this.zone = time.zone();
        this.clock = clock;
    }

    /** Computes the row of every decided project that has none; returns their (month, county) cells. */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<StatisticsSnapshot.Cell> backfill() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select p.id from project p where p.status = ?1 and not exists "
                        + "(select 1 from stats_case c where c.project_id = p.id)")
                .setParameter(1, ProjectStatus.DECIDED.name())
                .getResultList();
        Set<StatisticsSnapshot.Cell> cells = new HashSet<>();
        if (ids.isEmpty()) {
            return cells;
        }
        // Reads only (the row is written by native SQL): no dirty checking of the loaded projects
        // before every statement, and a small persistence context, for a bulk catch-up of 100,000.
        em.flush();
        FlushModeType mode = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            for (int i = 0; i < ids.size(); i++) {
                cells.add(record(ids.get(i).longValue()));
                if (i % 200 == 199) {
                    em.clear();
                }
            }
        } finally {
            em.setFlushMode(mode);
        }
        return cells;
    }

    /** (Re)computes one decided project's row; returns its cell. */
    @Transactional(Transactional.TxType.MANDATORY)
    StatisticsSnapshot.Cell record(long projectId) {
        Project p = em.find(Project.class, projectId);
        List<ProjectEvent> events = p.events().stream()
                .sorted(Comparator.comparing(ProjectEvent::at))
                .toList();
        Instant decidedAt = events.stream()
                .filter(e -> "decided".equals(e.type()))
                .map(ProjectEvent::at)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("project " + projectId + " is not decided"));
        Instant submittedAt = events.stream()
                .filter(e -> "submitted".equals(e.type()))
                .map(ProjectEvent::at)
                .findFirst()
                .orElse(p.createdAt());
        LocalDate decided = day(decidedAt);
        List<CaseDurations.TimelineDay> timeline = events.stream()
                .map(e -> new CaseDurations.TimelineDay(e.type(), day(e.at())))
                .toList();
        CaseDurations durations = new CaseDurations(calendar::isWorkingDay, CaseDurations.pauses(timeline, decided));
        // From acceptance, net: the statutory clock's own figure (one rule), and its overdue flag.
        ClockView c = statutoryClock.clockOf(p, decidedAt);
        LocalDate accepted = day(p.acceptedAt());
        int rounds = (int) events.stream()
                .filter(e -> "supplement-requested".equals(e.type()))
                .count();
        List<?> outcomes = em.createNativeQuery("select outcome from decision where project_id = ?1 "
                        + "and outcome <> 'SUPPLEMENT_REQUIRED' order by issued_at desc")
                .setParameter(1, projectId)
                .setMaxResults(1)
                .getResultList();
        String outcome = outcomes.isEmpty() ? "UNKNOWN" : outcomes.get(0).toString();

        em.createNativeQuery("delete from stats_case where project_id = ?1")
                .setParameter(1, projectId)
                .executeUpdate();
        em.createNativeQuery(
                        "insert into stats_case (project_id, county_code, matter_type_code, outcome, investment, decided_at, "
                                + "decided_month, limit_days, accepted_days_net, accepted_days_gross, submitted_days_net, submitted_days_gross, "
                                + "supplement_rounds, on_time, computed_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
                .setParameter(1, projectId)
                .setParameter(2, p.county().code())
                .setParameter(3, p.matterType().code())
                .setParameter(4, outcome)
                .setParameter(5, p.investment())
                .setParameter(6, decidedAt)
                .setParameter(7, YearMonth.from(decided).toString())
                .setParameter(8, c.limitDays())
                .setParameter(9, c.daysUsed())
                .setParameter(10, durations.gross(accepted, decided))
                .setParameter(11, durations.net(day(submittedAt), decided))
                .setParameter(12, durations.gross(day(submittedAt), decided))
                .setParameter(13, rounds)
                .setParameter(14, !c.overdue())
                .setParameter(15, clock.instant())
                .executeUpdate();
        return new StatisticsSnapshot.Cell(YearMonth.from(decided), p.county().code());
    }

    private LocalDate day(Instant i) {
        return i.atZone(zone).toLocalDate();
    }
}
