package org.liandong.stats;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

/**
 * Benchmark, not a test (run it with bench/statistics.sh). Seeds {@code bench.projects} decided
 * projects over the twelve months of 2025 (timeline events, 30 % with a supplement round, every third
 * with a visit, every second with a rating, each with a session of two required departments,
 * attendance and opinions), has the statistics tables computed by their one writer
 * ({@link StatisticsSnapshot#rebuild()}: stats_case from the timelines, then the monthly snapshot),
 * then times one year of statistics (all counties) and one month's ranking in the service, next to a
 * reference in the same run: a bare {@code count(*)} over the same year of stats_case. Figures go to
 * target/bench/statistics.txt; nothing about time is asserted.
 */
@QuarkusTest
class StatisticsBenchmark {

    static final int PROJECTS = Integer.getInteger("bench.projects", 100_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 30);
    static final int WARMUP = Integer.getInteger("bench.warmup", 5);

    @Inject
    EntityManager em;

    @Inject
    StatisticsService statistics;

    @Inject
    Fixtures fixtures;

    @Inject
    StatisticsSnapshot snapshot;

    @Test
    void yearOfStatistics() throws Exception {
        long t0 = System.nanoTime();
        seed(
                fixtures.person("applicant"),
                fixtures.person("chair"),
                fixtures.person("city.drc"),
                fixtures.department("370300-FGW"),
                fixtures.department("370300-STHJ"));
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        int cells = QuarkusTransaction.requiringNew().timeout(7200).call(snapshot::rebuild);
        double rebuildSeconds = (System.nanoTime() - t1) / 1e9;
        Period year = new Period(YearMonth.of(2025, 1), YearMonth.of(2025, 12));
        List<Double> stats = new ArrayList<>();
        List<Double> ranking = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        long decided = 0;
        for (int i = 0; i < WARMUP + ROUNDS; i++) {
            long a = System.nanoTime();
            StatisticsView v = statistics.statistics(year, null);
            long b = System.nanoTime();
            statistics.ranking(YearMonth.of(2025, 6));
            long c = System.nanoTime();
            count();
            long d = System.nanoTime();
            decided = v.total().decided();
            if (i >= WARMUP) {
                stats.add((b - a) / 1e6);
                ranking.add((c - b) / 1e6);
                reference.add((d - c) / 1e6);
            }
        }
        String out = String.format(
                Locale.ROOT,
                "statistics benchmark %s, db=%s, %d projects seeded in %.1f s, %d decided in 2025 counted%n"
                        + "statistics tables rebuilt (stats_case from the timelines, %d month-county cells) in %.1f s%n"
                        + "load average before/after: %s%n"
                        + "one year, all counties (GET /api/statistics payload): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n"
                        + "one month ranking (two months of figures): p50 %.1f ms, p95 %.1f ms%n"
                        + "reference, select count(*) over the same year of stats_case: p50 %.1f ms, p95 %.1f ms%n"
                        + "ratio statistics/reference (p50): %.1f%n",
                Instant.now(),
                System.getProperty("liandong.db", System.getenv().getOrDefault("LIANDONG_DB", "h2")),
                PROJECTS,
                seedSeconds,
                decided,
                cells,
                rebuildSeconds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                p(stats, 50),
                p(stats, 95),
                p(stats, 100),
                p(ranking, 50),
                p(ranking, 95),
                p(reference, 50),
                p(reference, 95),
                p(stats, 50) / p(reference, 50));
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/statistics.txt"), out);
        System.out.println(out);
    }

    long count() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from stats_case where decided_month between '2025-01' and '2025-12'")
                                .getSingleResult())
                        .longValue());
    }

    private static double p(List<Double> xs, int pct) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(pct / 100.0 * s.size()) - 1));
    }

    void seed(long applicant, long chair, long official, long dept1, long dept2) {
        // Chunks of 10,000 projects, each in its own transaction with a generous timeout (a loaded machine).
        for (int from = 1; from <= PROJECTS; from += 10_000) {
            int first = from;
            QuarkusTransaction.requiringNew()
                    .timeout(1800)
                    .run(() ->
                            insert(first, Math.min(PROJECTS, first + 9_999), applicant, chair, official, dept1, dept2));
        }
    }

    private void insert(
            int firstIndex, int lastIndex, long applicant, long chair, long official, long dept1, long dept2) {
        String[] counties = {"370302", "370303", "370304", "370305", "370306", "370321", "370322", "370323"};
        Random r = new Random(firstIndex);
        em.unwrap(Session.class).doWork(c -> {
            long base = maxId(c, "project") - firstIndex + 1;
            long sessionBase = maxId(c, "review_session") - firstIndex + 1;
            long decisionBase = maxId(c, "decision") - firstIndex + 1;
            try (PreparedStatement p = c.prepareStatement(
                            "insert into project (id, project_code, name, enterprise_name, credit_code, "
                                    + "investment, county_code, industry, matter_type_code, applicant_id, status, created_at, accepted_at) "
                                    + "values (?, ?, 'bench', 'bench', '91370300MA3C00000X', ?, ?, 'C26', 'investment-approval', ?, 'DECIDED', ?, ?)");
                    PreparedStatement f = c.prepareStatement(
                            "insert into project_event (project_id, at, type, actor) values (?, ?, ?, 'bench')");
                    PreparedStatement s = c.prepareStatement(
                            "insert into review_session (id, project_id, title, starts_at, ends_at, "
                                    + "duration_minutes, chair_id, status, created_at) values (?, ?, 'bench', ?, ?, 60, ?, 'CONCLUDED', ?)");
                    PreparedStatement sd = c.prepareStatement(
                            "insert into session_department (session_id, department_id, required) values (?, ?, true)");
                    // Closed attendance, as a concluded session leaves it (open rows would keep the
                    // abandoned-attendance job busy).
                    PreparedStatement at = c.prepareStatement(
                            "insert into attendance (session_id, person_id, role, department_id, joined_at, "
                                    + "left_at, leave_reason) values (?, ?, 'OFFICIAL', ?, ?, ?, 'SESSION_ENDED')");
                    PreparedStatement op = c.prepareStatement(
                            "insert into opinion (session_id, department_id, author_id, revision, verdict, "
                                    + "status, created_at, signed_at) values (?, ?, ?, 1, 'APPROVE', 'SIGNED', ?, ?)");
                    PreparedStatement d = c.prepareStatement(
                            "insert into decision (id, session_id, project_id, number, prefix, issue_year, "
                                    + "serial, outcome, combining_rule, issuer, issued_at, issued_by_id, pdf, pdf_sha256, signature, seal_certificate) "
                                    + "values (?, ?, ?, ?, 'bench', ?, ?, ?, 'REJECT_PREVAILS', 'bench', ?, ?, ?, ?, '-', '-')");
                    PreparedStatement v = c.prepareStatement(
                            "insert into project_visit (project_id, visited_at, purpose, logged_by, logged_at) "
                                    + "values (?, ?, 'SUBMISSION', 'bench', ?)");
                    PreparedStatement ra = c.prepareStatement(
                            "insert into decision_rating (decision_id, person_id, score, comment, rated_at) "
                                    + "values (?, ?, ?, ?, ?)")) {
                for (int i = firstIndex; i <= lastIndex; i++) {
                    long id = base + i;
                    long sid = sessionBase + i;
                    long did = decisionBase + i;
                    String county = counties[i % counties.length];
                    OffsetDateTime decidedAt = OffsetDateTime.of(2025, 1, 1, 2, 0, 0, 0, ZoneOffset.UTC)
                            .plusMinutes(r.nextInt(364 * 24 * 60));
                    OffsetDateTime acceptedAt = decidedAt.minusDays(3 + r.nextInt(20));
                    int rounds = r.nextInt(10) < 7 ? 0 : 1;
                    String outcome = r.nextInt(10) == 0 ? "REJECTED" : "APPROVED";
                    java.math.BigDecimal investment = java.math.BigDecimal.valueOf(1_000_000L + r.nextInt(500_000_000));
                    p.setLong(1, id);
                    p.setString(2, "B-" + id);
                    p.setBigDecimal(3, investment);
                    p.setString(4, county);
                    p.setLong(5, applicant);
                    p.setObject(6, acceptedAt.minusDays(2));
                    p.setObject(7, acceptedAt);
                    p.addBatch();
                    OffsetDateTime submittedAt = acceptedAt.minusDays(2);
                    event(f, id, submittedAt, "registered");
                    event(f, id, submittedAt, "submitted");
                    event(f, id, acceptedAt, "accepted");
                    if (rounds > 0) {
                        event(f, id, acceptedAt.plusDays(1), "supplement-requested");
                        event(f, id, acceptedAt.plusDays(2), "resubmitted");
                    }
                    event(f, id, decidedAt, "decided");
                    OffsetDateTime start = decidedAt.minusHours(3);
                    s.setLong(1, sid);
                    s.setLong(2, id);
                    s.setObject(3, start);
                    s.setObject(4, start.plusHours(1));
                    s.setLong(5, chair);
                    s.setObject(6, start.minusDays(1));
                    s.addBatch();
                    for (long dept : new long[] {dept1, dept2}) {
                        sd.setLong(1, sid);
                        sd.setLong(2, dept);
                        sd.addBatch();
                        if (r.nextInt(20) > 0) {
                            at.setLong(1, sid);
                            at.setLong(2, official);
                            at.setLong(3, dept);
                            at.setObject(4, start.plusMinutes(r.nextInt(10) - 2));
                            at.setObject(5, start.plusHours(1));
                            at.addBatch();
                        }
                        op.setLong(1, sid);
                        op.setLong(2, dept);
                        op.setLong(3, official);
                        op.setObject(4, start);
                        op.setObject(5, start.plusMinutes(60 + r.nextInt(600)));
                        op.addBatch();
                    }
                    d.setLong(1, did);
                    d.setLong(2, sid);
                    d.setLong(3, id);
                    d.setString(4, "bench-" + did);
                    d.setInt(5, 3000 + i / 1_000_000);
                    d.setInt(6, i);
                    d.setString(7, outcome);
                    d.setObject(8, decidedAt);
                    d.setLong(9, chair);
                    d.setBytes(10, new byte[] {1});
                    d.setString(11, "0".repeat(64));
                    d.addBatch();
                    if (i % 3 == 0) {
                        v.setLong(1, id);
                        v.setObject(2, acceptedAt.minusDays(2));
                        v.setObject(3, acceptedAt.minusDays(2));
                        v.addBatch();
                    }
                    if (i % 2 == 0) {
                        ra.setLong(1, did);
                        ra.setLong(2, applicant);
                        int score = 1 + r.nextInt(5);
                        ra.setInt(3, score);
                        ra.setString(4, score <= 2 ? "慢" : null);
                        ra.setObject(5, decidedAt.plusHours(5));
                        ra.addBatch();
                    }
                    if (i % 2000 == 0 || i == lastIndex) {
                        for (PreparedStatement batch : List.of(p, f, s, sd, at, op, d, v, ra)) {
                            batch.executeBatch();
                        }
                    }
                }
            }
            // Identity columns were given explicit ids: move them on so that later inserts do not collide.
            try (Statement st = c.createStatement()) {
                for (String table : List.of("project", "review_session", "decision")) {
                    st.execute("alter table " + table + " alter column id restart with " + (maxId(c, table) + 1));
                }
                if (c.getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase(Locale.ROOT)
                        .contains("postgres")) {
                    st.execute("analyze");
                }
            }
        });
    }

    private static void event(PreparedStatement f, long project, OffsetDateTime at, String type)
            throws java.sql.SQLException {
        f.setLong(1, project);
        f.setObject(2, at);
        f.setString(3, type);
        f.addBatch();
    }

    private static long maxId(Connection c, String table) throws java.sql.SQLException {
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("select coalesce(max(id), 0) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
