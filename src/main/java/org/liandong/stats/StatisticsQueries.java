package org.liandong.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liandong.session.ReviewSession;

/**
 * The SQL behind the statistics: aggregates only, portable between H2 (PostgreSQL mode) and
 * PostgreSQL ({@code percentile_cont ... within group} for medians, epoch seconds for durations).
 * Ratios and rounding are done by {@link StatisticsService}, in one place.
 */
@ApplicationScoped
class StatisticsQueries {

    /** Raw sums of stats_case rows of one group (county, month or everything). */
    record CaseAgg(
            long decided,
            long approved,
            BigDecimal investment,
            Double avgAccNet,
            Double medAccNet,
            Double avgAccGross,
            Double medAccGross,
            Double avgSubNet,
            Double medSubNet,
            Double avgSubGross,
            Double medSubGross,
            long onTime,
            long firstPass,
            long rounds,
            long zeroVisit,
            long atMostOneVisit,
            Double limitShare) {
        static final CaseAgg EMPTY =
                new CaseAgg(0, 0, BigDecimal.ZERO, null, null, null, null, null, null, null, null, 0, 0, 0, 0, 0, null);
    }

    record DeptAgg(
            long id,
            String code,
            String nameZh,
            String nameEn,
            String regionCode,
            long places,
            long absent,
            long late,
            long signed,
            Double medianHours) {}

    record LowRow(
            int score,
            String comment,
            Instant ratedAt,
            String projectCode,
            String projectName,
            String countyCode,
            String number) {}

    enum GroupBy {
        COUNTY("c.county_code"),
        MONTH("c.decided_month"),
        NONE("'all'");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    private static final String APPROVED = "c.outcome in ('APPROVED', 'APPROVED_WITH_CONDITIONS')";

    private final EntityManager em;

    StatisticsQueries(EntityManager em) {
        this.em = em;
    }

    /** Case aggregates of decisions in the months [from, to], keyed by the group (county code, YYYY-MM or "all"). */
    Map<String, CaseAgg> cases(GroupBy group, YearMonth from, YearMonth to, String county) {
        String sql = "select " + group.column + " as k, count(*), "
                + "sum(case when " + APPROVED + " then 1 else 0 end), "
                + "sum(case when " + APPROVED + " then c.investment else 0 end), "
                + median("accepted_days_net") + ", " + median("accepted_days_gross") + ", "
                + median("submitted_days_net") + ", " + median("submitted_days_gross") + ", "
                + "sum(case when c.on_time then 1 else 0 end), "
                + "sum(case when c.supplement_rounds = 0 then 1 else 0 end), "
                + "sum(c.supplement_rounds), "
                + "sum(case when c.visits = 0 then 1 else 0 end), "
                + "sum(case when c.visits <= 1 then 1 else 0 end), "
                + "avg(least(1.0, c.accepted_days_net * 1.0 / c.limit_days)) "
                + "from (select s.*, (select count(*) from project_visit v where v.project_id = s.project_id) as visits "
                + "      from stats_case s where s.decided_month between :a and :b"
                + (county == null ? "" : " and s.county_code = :county")
                + ") c" + (group == GroupBy.NONE ? "" : " group by " + group.column);
        Query q = em.createNativeQuery(sql).setParameter("a", from.toString()).setParameter("b", to.toString());
        if (county != null) {
            q.setParameter("county", county);
        }
        Map<String, CaseAgg> out = new LinkedHashMap<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            long n = num(r[1]);
            if (n == 0) {
                continue;
            }
            out.put(
                    r[0].toString(),
                    new CaseAgg(
                            n,
                            num(r[2]),
                            r[3] == null ? BigDecimal.ZERO : new BigDecimal(r[3].toString()),
                            dbl(r[4]),
                            dbl(r[5]),
                            dbl(r[6]),
                            dbl(r[7]),
                            dbl(r[8]),
                            dbl(r[9]),
                            dbl(r[10]),
                            dbl(r[11]),
                            num(r[12]),
                            num(r[13]),
                            num(r[14]),
                            num(r[15]),
                            num(r[16]),
                            dbl(r[17])));
        }
        return out;
    }

    private static String median(String column) {
        return "avg(c." + column + " * 1.0), percentile_cont(0.5) within group (order by c." + column + ")";
    }

    /** Ratings given in [start, end): count per county and star (key "county:score"). */
    Map<String, Long> ratings(Instant start, Instant end, String county) {
        Query q = em.createNativeQuery("select p.county_code, r.score, count(*) from decision_rating r "
                + "join decision d on d.id = r.decision_id join project p on p.id = d.project_id "
                + "where r.rated_at >= :a and r.rated_at < :b" + (county == null ? "" : " and p.county_code = :county")
                + " group by p.county_code, r.score");
        bind(q, start, end, county);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            out.put(r[0] + ":" + num(r[1]), num(r[2]));
        }
        return out;
    }

    /** The lowest-rated comments (3 stars or fewer) given in [start, end), lowest and oldest first. */
    List<LowRow> lowestComments(Instant start, Instant end, String county, int limit) {
        Query q = em.createNativeQuery(
                        "select r.score, r.comment, r.rated_at, p.project_code, p.name, p.county_code, d.number "
                                + "from decision_rating r join decision d on d.id = r.decision_id join project p on p.id = d.project_id "
                                + "where r.rated_at >= :a and r.rated_at < :b and r.score <= 3 and r.comment is not null"
                                + (county == null ? "" : " and p.county_code = :county")
                                + " order by r.score, r.rated_at, r.id")
                .setMaxResults(limit);
        bind(q, start, end, county);
        List<LowRow> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new LowRow(
                    (int) num(r[0]), (String) r[1], instant(r[2]), (String) r[3], (String) r[4], (String) r[5], (String)
                            r[6]));
        }
        return out;
    }

    /**
     * Per department: required places at sessions held (IN_PROGRESS or CONCLUDED) with a scheduled
     * start in [start, end), absences, late arrivals, and opinions (revision 1, signed) with the
     * median hours from the session's end to signing. The end is when a person concluded the session;
     * otherwise its scheduled end. A conclusion by the system (SessionService.concludeOverdue) is left
     * out: it records when the overdue job ran, at the earliest the scheduled end plus the grace, and
     * for a session left open it can be months later, which would turn every opinion into 0 h.
     */
    List<DeptAgg> departments(Instant start, Instant end, String county, Duration lateGrace) {
        String countyFilter = county == null ? "" : " and p.county_code = :county";
        Query places = em.createNativeQuery("select sd.department_id, count(*), "
                + "sum(case when fa.first_join is null then 1 else 0 end), "
                + "sum(case when extract(epoch from fa.first_join) > extract(epoch from s.starts_at) + :grace then 1 else 0 end) "
                + "from session_department sd join review_session s on s.id = sd.session_id join project p on p.id = s.project_id "
                + "left join (select a.session_id, a.department_id, min(a.joined_at) as first_join from attendance a "
                + "           where a.department_id is not null group by a.session_id, a.department_id) fa "
                + "  on fa.session_id = sd.session_id and fa.department_id = sd.department_id "
                + "where sd.required = true and s.status in ('IN_PROGRESS', 'CONCLUDED') and s.starts_at >= :a and s.starts_at < :b"
                + countyFilter + " group by sd.department_id");
        bind(places, start, end, county);
        places.setParameter("grace", lateGrace.toSeconds());
        Query opinions =
                em.createNativeQuery("select o.department_id, count(*), percentile_cont(0.5) within group (order by "
                        + "greatest(0, extract(epoch from o.signed_at) - extract(epoch from coalesce(ce.at, s.ends_at))) / 3600.0) "
                        + "from opinion o join review_session s on s.id = o.session_id join project p on p.id = s.project_id "
                        + "left join (select e.session_id, min(e.at) as at from session_event e where e.type = 'concluded' "
                        + "           and e.actor <> :system group by e.session_id) ce on ce.session_id = s.id "
                        + "where o.revision = 1 and o.signed_at is not null and s.starts_at >= :a and s.starts_at < :b"
                        + countyFilter
                        + " group by o.department_id");
        bind(opinions, start, end, county);
        opinions.setParameter("system", ReviewSession.SYSTEM);
        Map<Long, long[]> placeRows = new LinkedHashMap<>();
        for (Object o : places.getResultList()) {
            Object[] r = (Object[]) o;
            placeRows.put(num(r[0]), new long[] {num(r[1]), num(r[2]), num(r[3])});
        }
        Map<Long, Object[]> opinionRows = new LinkedHashMap<>();
        for (Object o : opinions.getResultList()) {
            Object[] r = (Object[]) o;
            opinionRows.put(num(r[0]), r);
        }
        List<DeptAgg> out = new ArrayList<>();
        for (Object o : em.createNativeQuery(
                        "select id, code, name_zh, name_en, region_code from department order by region_code, id")
                .getResultList()) {
            Object[] d = (Object[]) o;
            long id = num(d[0]);
            long[] pl = placeRows.getOrDefault(id, new long[3]);
            Object[] op = opinionRows.get(id);
            if (pl[0] == 0 && op == null) {
                continue; // not involved in the period
            }
            out.add(new DeptAgg(
                    id,
                    (String) d[1],
                    (String) d[2],
                    (String) d[3],
                    (String) d[4],
                    pl[0],
                    pl[1],
                    pl[2],
                    op == null ? 0 : num(op[1]),
                    op == null ? null : dbl(op[2])));
        }
        return out;
    }

    /** County-level regions of the directory, in code order: code, zh, en. */
    List<String[]> counties() {
        List<String[]> out = new ArrayList<>();
        for (Object o : em.createNativeQuery(
                        "select code, name_zh, name_en from region where level = 'COUNTY' order by code")
                .getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new String[] {(String) r[0], (String) r[1], (String) r[2]});
        }
        return out;
    }

    private static void bind(Query q, Instant start, Instant end, String county) {
        q.setParameter("a", start).setParameter("b", end);
        if (county != null) {
            q.setParameter("county", county);
        }
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static Double dbl(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return o == null ? null : Instant.parse(o.toString());
    }
}
