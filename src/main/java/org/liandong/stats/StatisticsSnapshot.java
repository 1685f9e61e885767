package org.liandong.stats;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.liandong.cluster.ClusterJobs;
import org.liandong.common.AuditEvent;
import org.liandong.common.TimeConfig;
import org.liandong.session.ReviewSession;

/**
 * The one writer of the statistics snapshot (stats_month, stats_month_days, stats_month_rating,
 * stats_month_place, stats_opinion, stats_month_opinion; see V17_0) and of stats_case (through
 * {@link CaseFacts}). The rule, written down:
 * <ul>
 * <li>the snapshot is kept per cell: one month (in the service zone) and one county;</li>
 * <li>a cell is <b>recomputed from the records</b>, never incremented, by {@link #refresh}, inside
 * the transaction of each change that moves one of its figures (observing the audit events, which
 * services fire in their transaction): a project decided (its stats_case row first), a visit logged
 * on a decided project, a decision rated, a session concluded (by a person or by the overdue job),
 * an opinion signed. The change and its figures commit or roll back together;</li>
 * <li>the cell's stats_month row is locked ({@code SELECT … FOR UPDATE}) before recomputing, so two
 * transactions touching one cell queue, and the second recomputes with the first's rows committed;</li>
 * <li>required places of sessions still IN_PROGRESS are not in the snapshot (attendance is still
 * moving): the statistics read them live, and the session's conclusion moves them in;</li>
 * <li>records written without the services (demo history, test data, benchmark) are caught up by
 * {@link #rebuild()}, which those writers call; at start-up when the snapshot is empty or was
 * computed with another late grace; and by a job every 10 minutes for decided projects without a
 * stats_case row, e.g. decided by a node running older code (skipped while a rebuild of this node is
 * still open).</li>
 * </ul>
 */
@ApplicationScoped
public class StatisticsSnapshot {

    private static final Logger LOG = Logger.getLogger(StatisticsSnapshot.class);

    /** One month (service zone) of one county: the unit the snapshot is kept and recomputed in. */
    record Cell(YearMonth month, String county) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            int c = month.compareTo(o.month);
            return c != 0 ? c : county.compareTo(o.county);
        }
    }

    private final EntityManager em;
    private final CaseFacts facts;
    private final StatisticsConfig config;
    private final ZoneId zone;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final ClusterJobs jobs;
    /** Rebuilds of this node whose transaction has not ended yet. */
    private final AtomicInteger rebuilding = new AtomicInteger();

    StatisticsSnapshot(
            EntityManager em,
            CaseFacts facts,
            StatisticsConfig config,
            TimeConfig time,
            Clock clock,
            TransactionSynchronizationRegistry transactions,
            ClusterJobs jobs) {
        this.em = em;
        this.jobs = jobs;
        this.transactions = transactions;
        this.facts = facts;
        this.config = config;
        this.zone = time.zone();
        this.clock = clock;
    }

    /** Inside the transaction of the change: its cell is recomputed before it commits. */
    void onChange(@Observes AuditEvent e) {
        Optional<Cell> cell = switch (e.entityType() + "/" + e.action()) {
            case "project/decided" -> {
                em.flush();
                facts.record(Long.parseLong(e.entityId()));
                yield caseCell(Long.parseLong(e.entityId()));
            }
            case "project/visit-logged" -> caseCell(Long.parseLong(e.entityId()));
            case "decision/rated" -> ratingCell(Long.parseLong(e.entityId()));
            case "session/concluded" ->
                cellOf(
                        "select s.starts_at, p.county_code from review_session s join project p on p.id = s.project_id "
                                + "where s.id = ?1",
                        Long.parseLong(e.entityId()));
            case "opinion/signed" ->
                cellOf(
                        "select s.starts_at, p.county_code from opinion o join review_session s on s.id = o.session_id "
                                + "join project p on p.id = s.project_id where o.id = ?1",
                        Long.parseLong(e.entityId()));
            default -> Optional.empty();
        };
        cell.ifPresent(c -> {
            em.flush();
            refresh(c);
        });
    }

    void onStart(@Observes StartupEvent e) {
        int n = catchUp();
        if (n > 0) {
            LOG.infof("statistics: recomputed %d month-county cells of the snapshot", n);
        }
    }

    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void catchUpJob() {
        // A rebuild of this node still open has rows it has not committed: the job would compute them
        // again and wait on them until its transaction times out.
        if (rebuilding.get() == 0) {
            jobs.runOnce("statistics-catch-up", java.time.Duration.ofMinutes(9), this::catchUp); // one node
        }
    }

    /**
     * Decided projects without a stats_case row get one and their cells are recomputed; the whole
     * snapshot is rebuilt when it is empty while there are records, or was computed with another late
     * grace. Returns the number of cells recomputed.
     */
    @Transactional
    int catchUp() {
        Number stale = (Number) em.createNativeQuery("select count(*) from stats_month where late_grace_seconds <> ?1")
                .setParameter(1, config.lateGrace().toSeconds())
                .getSingleResult();
        Number cells = (Number)
                em.createNativeQuery("select count(*) from stats_month").getSingleResult();
        if (stale.longValue() > 0 || (cells.longValue() == 0 && range().isPresent())) {
            return rebuild();
        }
        SortedSet<Cell> touched = new TreeSet<>(facts.backfill());
        touched.forEach(this::refresh);
        return touched.size();
    }

    /**
     * Computes the stats_case rows that are missing, then recomputes every cell from the first to the
     * last month holding a decision, a session or a rating, for every county. Returns the number of
     * cells. For whoever writes records in bulk, without the services.
     */
    @Transactional
    public int rebuild() {
        rebuilding.incrementAndGet();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                rebuilding.decrementAndGet();
            }
        });
        long t0 = System.nanoTime();
        facts.backfill();
        long t1 = System.nanoTime();
        Optional<YearMonth[]> range = range();
        if (range.isEmpty()) {
            return 0;
        }
        SortedSet<Cell> all = new TreeSet<>();
        @SuppressWarnings("unchecked")
        List<String> counties = em.createNativeQuery("select code from region where level = 'COUNTY'")
                .getResultList();
        for (YearMonth m = range.get()[0]; !m.isAfter(range.get()[1]); m = m.plusMonths(1)) {
            for (String c : counties) {
                all.add(new Cell(m, c));
            }
        }
        all.forEach(this::refresh); // in (month, county) order, as every writer: no two lock in opposite orders
        LOG.infof(
                "statistics: rebuilt %d month-county cells in %d ms (after computing stats_case rows in %d ms)",
                all.size(), (System.nanoTime() - t1) / 1_000_000, (t1 - t0) / 1_000_000);
        return all.size();
    }

    /** First and last month (service zone) of any decision, session or rating. */
    private Optional<YearMonth[]> range() {
        Object[] r = (Object[]) em.createNativeQuery("select (select min(decided_at) from stats_case), "
                        + "(select max(decided_at) from stats_case), (select min(starts_at) from review_session), "
                        + "(select max(starts_at) from review_session), (select min(rated_at) from decision_rating), "
                        + "(select max(rated_at) from decision_rating)")
                .getSingleResult();
        YearMonth first = null;
        YearMonth last = null;
        for (Object o : r) {
            if (o == null) {
                continue;
            }
            YearMonth m = YearMonth.from(instant(o).atZone(zone));
            first = first == null || m.isBefore(first) ? m : first;
            last = last == null || m.isAfter(last) ? m : last;
        }
        return first == null ? Optional.empty() : Optional.of(new YearMonth[] {first, last});
    }

    /** Recomputes one cell from the records, under the lock of its stats_month row. */
    @Transactional(Transactional.TxType.MANDATORY)
    void refresh(Cell cell) {
        String ym = cell.month().toString();
        String county = cell.county();
        Instant start = Period.of(cell.month()).start(zone);
        Instant end = Period.of(cell.month()).end(zone);
        em.createNativeQuery("insert into stats_month (ym, county_code) values (?1, ?2) on conflict do nothing")
                .setParameter(1, ym)
                .setParameter(2, county)
                .executeUpdate();
        em.createNativeQuery("select ym from stats_month where ym = ?1 and county_code = ?2 for update")
                .setParameter(1, ym)
                .setParameter(2, county)
                .getResultList();
        for (String table : List.of(
                "stats_month_days",
                "stats_month_rating",
                "stats_month_place",
                "stats_month_opinion",
                "stats_opinion")) {
            em.createNativeQuery("delete from " + table + " where ym = ?1 and county_code = ?2")
                    .setParameter(1, ym)
                    .setParameter(2, county)
                    .executeUpdate();
        }

        // Decided projects: sums, and the four working-day counts as histograms.
        Object[] s = (Object[]) em.createNativeQuery("select count(*), "
                        + "sum(case when c.outcome in ('APPROVED', 'APPROVED_WITH_CONDITIONS') then 1 else 0 end), "
                        + "sum(case when c.outcome in ('APPROVED', 'APPROVED_WITH_CONDITIONS') then c.investment else 0 end), "
                        + "sum(case when c.on_time then 1 else 0 end), sum(case when c.supplement_rounds = 0 then 1 else 0 end), "
                        + "sum(c.supplement_rounds), sum(case when c.visits = 0 then 1 else 0 end), "
                        + "sum(case when c.visits <= 1 then 1 else 0 end), "
                        + "sum(least(1.0, c.accepted_days_net * 1.0 / c.limit_days)) "
                        + "from (select s.*, (select count(*) from project_visit v where v.project_id = s.project_id) as visits "
                        + "      from stats_case s where s.decided_month = ?1 and s.county_code = ?2) c")
                .setParameter(1, ym)
                .setParameter(2, county)
                .getSingleResult();
        em.createNativeQuery("update stats_month set decided = ?3, approved = ?4, approved_investment = ?5, "
                        + "on_time = ?6, first_pass = ?7, supplement_rounds = ?8, zero_visit = ?9, at_most_one_visit = ?10, "
                        + "limit_share_sum = ?11, late_grace_seconds = ?12, refreshed_at = ?13 "
                        + "where ym = ?1 and county_code = ?2")
                .setParameter(1, ym)
                .setParameter(2, county)
                .setParameter(3, (int) num(s[0]))
                .setParameter(4, (int) num(s[1]))
                .setParameter(5, s[2] == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(s[2].toString()))
                .setParameter(6, (int) num(s[3]))
                .setParameter(7, (int) num(s[4]))
                .setParameter(8, (int) num(s[5]))
                .setParameter(9, (int) num(s[6]))
                .setParameter(10, (int) num(s[7]))
                .setParameter(11, s[8] == null ? 0.0 : ((Number) s[8]).doubleValue())
                .setParameter(12, config.lateGrace().toSeconds())
                .setParameter(13, OffsetDateTime.ofInstant(clock.instant(), zone))
                .executeUpdate();
        String[] measures = {"accepted_days_net", "accepted_days_gross", "submitted_days_net", "submitted_days_gross"};
        for (int m = 0; m < measures.length; m++) {
            em.createNativeQuery("insert into stats_month_days (ym, county_code, measure, days, n) "
                            + "select ?1, ?2, ?3, " + measures[m] + ", count(*) from stats_case "
                            + "where decided_month = ?1 and county_code = ?2 group by " + measures[m])
                    .setParameter(1, ym)
                    .setParameter(2, county)
                    .setParameter(3, (short) m)
                    .executeUpdate();
        }

        // Ratings given in the month, per star.
        em.createNativeQuery("insert into stats_month_rating (ym, county_code, score, n) "
                        + "select ?1, ?2, r.score, count(*) from decision_rating r join decision d on d.id = r.decision_id "
                        + "join project p on p.id = d.project_id "
                        + "where p.county_code = ?2 and r.rated_at >= ?3 and r.rated_at < ?4 group by r.score")
                .setParameter(1, ym)
                .setParameter(2, county)
                .setParameter(3, start)
                .setParameter(4, end)
                .executeUpdate();

        // Required places of the concluded sessions that started in the month.
        em.createNativeQuery("insert into stats_month_place (ym, county_code, department_id, places, absent, late) "
                        + "select ?1, ?2, x.department_id, count(*), "
                        + "sum(case when x.first_join is null then 1 else 0 end), "
                        + "sum(case when extract(epoch from x.first_join) > extract(epoch from x.starts_at) + ?5 then 1 else 0 end) "
                        + "from (" + StatisticsQueries.PLACES + " and s.status = 'CONCLUDED' and p.county_code = ?2 "
                        + "      and s.starts_at >= ?3 and s.starts_at < ?4) x group by x.department_id")
                .setParameter(1, ym)
                .setParameter(2, county)
                .setParameter(3, start)
                .setParameter(4, end)
                .setParameter(5, config.lateGrace().toSeconds())
                .executeUpdate();

        // Opinions (first revision, signed) of the sessions that started in the month; then their buckets.
        em.createNativeQuery("insert into stats_opinion (opinion_id, ym, county_code, department_id, bucket, seconds) "
                        + "select y.id, ?1, ?2, y.department_id, cast(floor(y.sec / 360) as integer), y.sec from ("
                        + "  select o.id, o.department_id, greatest(0, extract(epoch from o.signed_at) - extract(epoch from "
                        + "    coalesce((select min(e.at) from session_event e where e.session_id = s.id and e.type = 'concluded' "
                        + "              and e.actor <> ?5), s.ends_at))) as sec "
                        + "  from opinion o join review_session s on s.id = o.session_id join project p on p.id = s.project_id "
                        + "  where o.revision = 1 and o.signed_at is not null and p.county_code = ?2 "
                        + "    and s.starts_at >= ?3 and s.starts_at < ?4) y")
                .setParameter(1, ym)
                .setParameter(2, county)
                .setParameter(3, start)
                .setParameter(4, end)
                .setParameter(5, ReviewSession.SYSTEM)
                .executeUpdate();
        em.createNativeQuery("insert into stats_month_opinion (ym, county_code, department_id, bucket, n) "
                        + "select ?1, ?2, department_id, bucket, count(*) from stats_opinion "
                        + "where ym = ?1 and county_code = ?2 group by department_id, bucket")
                .setParameter(1, ym)
                .setParameter(2, county)
                .executeUpdate();
    }

    private Optional<Cell> caseCell(long projectId) {
        List<?> rows = em.createNativeQuery("select decided_month, county_code from stats_case where project_id = ?1")
                .setParameter(1, projectId)
                .getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .findFirst()
                .map(r -> new Cell(YearMonth.parse((String) r[0]), (String) r[1]));
    }

    private Optional<Cell> ratingCell(long decisionId) {
        return cellOf(
                "select r.rated_at, p.county_code from decision_rating r join decision d on d.id = r.decision_id "
                        + "join project p on p.id = d.project_id where r.decision_id = ?1",
                decisionId);
    }

    private Optional<Cell> cellOf(String sql, long id) {
        List<?> rows = em.createNativeQuery(sql).setParameter(1, id).getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .findFirst()
                .map(r -> new Cell(YearMonth.from(instant(r[0]).atZone(zone)), (String) r[1]));
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }
}
