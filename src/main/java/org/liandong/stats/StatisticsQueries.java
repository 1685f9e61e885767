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
import java.util.TreeMap;

/**
 * The SQL behind the statistics. The figures are read from the monthly snapshot that
 * {@link StatisticsSnapshot} keeps (a few hundred rows for a year), plus the little that is read live:
 * required places of sessions still in progress and the lowest-rated comments. Portable between H2
 * (PostgreSQL mode) and PostgreSQL. Sums, histograms and medians are combined here; ratios and
 * rounding are done by {@link StatisticsService}, in one place.
 */
@ApplicationScoped
class StatisticsQueries {

    /** Raw sums of the decided projects of one group (county, month or everything). */
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

    /** The case sums of one snapshot cell (month, county) and its four working-day histograms. */
    static final class CaseCell {
        final String month;
        final String county;
        long decided;
        long approved;
        BigDecimal investment = BigDecimal.ZERO;
        long onTime;
        long firstPass;
        long rounds;
        long zeroVisit;
        long atMostOneVisit;
        double limitShareSum;
        /** Per measure (0 acceptance net, 1 acceptance gross, 2 submission net, 3 submission gross): days → projects. */
        final List<TreeMap<Integer, Long>> days =
                List.of(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

        CaseCell(String month, String county) {
            this.month = month;
            this.county = county;
        }

        void add(CaseCell c) {
            decided += c.decided;
            approved += c.approved;
            investment = investment.add(c.investment);
            onTime += c.onTime;
            firstPass += c.firstPass;
            rounds += c.rounds;
            zeroVisit += c.zeroVisit;
            atMostOneVisit += c.atMostOneVisit;
            limitShareSum += c.limitShareSum;
            for (int m = 0; m < 4; m++) {
                TreeMap<Integer, Long> into = days.get(m);
                c.days.get(m).forEach((d, n) -> into.merge(d, n, Long::sum));
            }
        }

        /** The group's figures: means from the sums, medians (percentile_cont 0.5) from the histograms. */
        CaseAgg agg() {
            if (decided == 0) {
                return CaseAgg.EMPTY;
            }
            return new CaseAgg(
                    decided,
                    approved,
                    investment,
                    mean(days.get(0)),
                    median(days.get(0)),
                    mean(days.get(1)),
                    median(days.get(1)),
                    mean(days.get(2)),
                    median(days.get(2)),
                    mean(days.get(3)),
                    median(days.get(3)),
                    onTime,
                    firstPass,
                    rounds,
                    zeroVisit,
                    atMostOneVisit,
                    limitShareSum / decided);
        }

        private static Double mean(TreeMap<Integer, Long> h) {
            long n = 0;
            long sum = 0;
            for (Map.Entry<Integer, Long> e : h.entrySet()) {
                n += e.getValue();
                sum += e.getKey() * e.getValue();
            }
            return n == 0 ? null : (double) sum / n;
        }

        private static Double median(TreeMap<Integer, Long> h) {
            long n = h.values().stream().mapToLong(Long::longValue).sum();
            if (n == 0) {
                return null;
            }
            long lo = (n - 1) / 2;
            long hi = n / 2;
            Integer a = null;
            Integer b = null;
            long seen = 0;
            for (Map.Entry<Integer, Long> e : h.entrySet()) {
                long next = seen + e.getValue();
                if (a == null && lo < next) {
                    a = e.getKey();
                }
                if (b == null && hi < next) {
                    b = e.getKey();
                    break;
                }
                seen = next;
            }
            return (a + b) / 2.0;
        }
    }

    /**
     * Required places with the first join of the department: the inner select of the places figures,
     * shared by the snapshot (concluded sessions) and the live part (sessions in progress).
     */
    static final String PLACES = "select sd.department_id, s.starts_at, (select min(a.joined_at) from attendance a "
            + "where a.session_id = sd.session_id and a.department_id = sd.department_id) as first_join "
            + "from session_department sd join review_session s on s.id = sd.session_id join project p on p.id = s.project_id "
            + "where sd.required = true";

    private final EntityManager em;

    StatisticsQueries(EntityManager em) {
        this.em = em;
    }

    /** The snapshot cells of the months [from, to] (of one county, or all), with their histograms. */
    List<CaseCell> caseCells(YearMonth from, YearMonth to, String county) {
        String filter = " where ym between ?1 and ?2" + (county == null ? "" : " and county_code = ?3");
        Map<String, CaseCell> cells = new LinkedHashMap<>();
        for (Object o : params(
                        em.createNativeQuery("select ym, county_code, decided, approved, approved_investment, on_time, "
                                + "first_pass, supplement_rounds, zero_visit, at_most_one_visit, limit_share_sum from stats_month"
                                + filter + " and decided > 0"),
                        from,
                        to,
                        county)
                .getResultList()) {
            Object[] r = (Object[]) o;
            CaseCell c = new CaseCell((String) r[0], (String) r[1]);
            c.decided = num(r[2]);
            c.approved = num(r[3]);
            c.investment = new BigDecimal(r[4].toString());
            c.onTime = num(r[5]);
            c.firstPass = num(r[6]);
            c.rounds = num(r[7]);
            c.zeroVisit = num(r[8]);
            c.atMostOneVisit = num(r[9]);
            c.limitShareSum = ((Number) r[10]).doubleValue();
            cells.put(c.month + ":" + c.county, c);
        }
        for (Object o : params(
                        em.createNativeQuery("select ym, county_code, measure, days, n from stats_month_days" + filter),
                        from,
                        to,
                        county)
                .getResultList()) {
            Object[] r = (Object[]) o;
            CaseCell c = cells.get(r[0] + ":" + r[1]);
            if (c != null) {
                c.days.get((int) num(r[2])).merge((int) num(r[3]), num(r[4]), Long::sum);
            }
        }
        return List.copyOf(cells.values());
    }

    /** Ratings given in the months [from, to]: count per county and star (key "county:score"). */
    Map<String, Long> ratings(YearMonth from, YearMonth to, String county) {
        Query q = params(
                em.createNativeQuery(
                        "select county_code, score, sum(n) from stats_month_rating where ym between ?1 and ?2"
                                + (county == null ? "" : " and county_code = ?3") + " group by county_code, score"),
                from,
                to,
                county);
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
     * Per department: required places at sessions held (IN_PROGRESS or CONCLUDED) that started in the
     * months [from, to], absences, late arrivals, and opinions (revision 1, signed) with the median
     * hours from the session's end to signing. The end is when a person concluded the session;
     * otherwise its scheduled end. A conclusion by the system (SessionService.concludeOverdue) is left
     * out: it records when the overdue job ran, at the earliest the scheduled end plus the grace, and
     * for a session left open it can be months later, which would turn every opinion into 0 h.
     * Concluded sessions and all opinions come from the snapshot; sessions in progress are read live.
     */
    List<DeptAgg> departments(
            YearMonth from, YearMonth to, Instant start, Instant end, String county, Duration lateGrace) {
        String cellFilter = " where ym between ?1 and ?2" + (county == null ? "" : " and county_code = ?3");
        Map<Long, long[]> placeRows = new LinkedHashMap<>();
        for (Object o : params(
                        em.createNativeQuery(
                                "select department_id, sum(places), sum(absent), sum(late) from stats_month_place"
                                        + cellFilter + " group by department_id"),
                        from,
                        to,
                        county)
                .getResultList()) {
            Object[] r = (Object[]) o;
            placeRows.put(num(r[0]), new long[] {num(r[1]), num(r[2]), num(r[3])});
        }
        Query live = em.createNativeQuery("select x.department_id, count(*), "
                + "sum(case when x.first_join is null then 1 else 0 end), "
                + "sum(case when extract(epoch from x.first_join) > extract(epoch from x.starts_at) + :grace then 1 else 0 end) "
                + "from (" + PLACES + " and s.status = 'IN_PROGRESS' and s.starts_at >= :a and s.starts_at < :b"
                + (county == null ? "" : " and p.county_code = :county") + ") x group by x.department_id");
        bind(live, start, end, county);
        live.setParameter("grace", lateGrace.toSeconds());
        for (Object o : live.getResultList()) {
            Object[] r = (Object[]) o;
            long[] pl = placeRows.computeIfAbsent(num(r[0]), k -> new long[3]);
            pl[0] += num(r[1]);
            pl[1] += num(r[2]);
            pl[2] += num(r[3]);
        }
        Map<Long, OpinionMedian> opinions = opinionMedians(from, to, county);
        if (opinions == null) { // a cell was recomputed between the two reads: read again
            opinions = opinionMedians(from, to, county);
        }
        if (opinions == null) {
            throw new IllegalStateException("the opinion snapshot changed twice while it was read");
        }
        List<DeptAgg> out = new ArrayList<>();
        for (Object o : em.createNativeQuery(
                        "select id, code, name_zh, name_en, region_code from department order by region_code, id")
                .getResultList()) {
            Object[] d = (Object[]) o;
            long id = num(d[0]);
            long[] pl = placeRows.getOrDefault(id, new long[3]);
            OpinionMedian op = opinions.get(id);
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
                    op == null ? 0 : op.count,
                    op == null ? null : op.hours()));
        }
        return out;
    }

    /** One department's opinions: how many, and the one or two middle values (seconds) once found. */
    private static final class OpinionMedian {
        long count;
        /** The 0-based ranks of the middle values ((n − 1) / 2 and n / 2) and where they lie. */
        long[] ranks;

        int[] buckets = new int[2];
        long[] offsets = new long[2];
        double[] values = new double[2];

        Double hours() {
            return (values[0] + values[1]) / 2 / 3600.0;
        }
    }

    /**
     * The exact median hours per department: the bucket counts (tenths of an hour) of the months say
     * in which bucket the middle opinion(s) lie and at which rank inside it; only those buckets'
     * values are then read from stats_opinion and sorted.
     */
    /** Null when the counts and the values did not match (a cell committed between the two reads). */
    private Map<Long, OpinionMedian> opinionMedians(YearMonth from, YearMonth to, String county) {
        Map<Long, TreeMap<Integer, Long>> histograms = new LinkedHashMap<>();
        for (Object o : params(
                        em.createNativeQuery("select department_id, bucket, sum(n) from stats_month_opinion "
                                + "where ym between ?1 and ?2" + (county == null ? "" : " and county_code = ?3")
                                + " group by department_id, bucket"),
                        from,
                        to,
                        county)
                .getResultList()) {
            Object[] r = (Object[]) o;
            histograms.computeIfAbsent(num(r[0]), k -> new TreeMap<>()).put((int) num(r[1]), num(r[2]));
        }
        Map<Long, OpinionMedian> out = new LinkedHashMap<>();
        StringBuilder wanted = new StringBuilder();
        histograms.forEach((dept, h) -> {
            OpinionMedian m = new OpinionMedian();
            m.count = h.values().stream().mapToLong(Long::longValue).sum();
            m.ranks = new long[] {(m.count - 1) / 2, m.count / 2};
            for (int i = 0; i < 2; i++) {
                long seen = 0;
                for (Map.Entry<Integer, Long> e : h.entrySet()) {
                    if (m.ranks[i] < seen + e.getValue()) {
                        m.buckets[i] = e.getKey();
                        m.offsets[i] = m.ranks[i] - seen;
                        break;
                    }
                    seen += e.getValue();
                }
                wanted.append(wanted.length() == 0 ? "" : " or ")
                        .append("(department_id = ")
                        .append(dept)
                        .append(" and bucket = ")
                        .append(m.buckets[i])
                        .append(')');
            }
            out.put(dept, m);
        });
        if (out.isEmpty()) {
            return out;
        }
        // Numbers from the database only (ids and bucket numbers), so the OR list is safe to inline.
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Object o : params(
                        em.createNativeQuery(
                                "select department_id, bucket, seconds from stats_opinion where ym between ?1 and ?2"
                                        + (county == null ? "" : " and county_code = ?3") + " and (" + wanted + ")"),
                        from,
                        to,
                        county)
                .getResultList()) {
            Object[] r = (Object[]) o;
            values.computeIfAbsent(num(r[0]) + ":" + num(r[1]), k -> new ArrayList<>())
                    .add(((Number) r[2]).doubleValue());
        }
        values.values().forEach(java.util.Collections::sort);
        for (Map.Entry<Long, OpinionMedian> e : out.entrySet()) {
            OpinionMedian m = e.getValue();
            for (int i = 0; i < 2; i++) {
                List<Double> bucket = values.get(e.getKey() + ":" + m.buckets[i]);
                if (bucket == null || bucket.size() <= m.offsets[i]) {
                    return null;
                }
                m.values[i] = bucket.get((int) m.offsets[i]);
            }
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

    private static Query params(Query q, YearMonth from, YearMonth to, String county) {
        q.setParameter(1, from.toString()).setParameter(2, to.toString());
        if (county != null) {
            q.setParameter(3, county);
        }
        return q;
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
