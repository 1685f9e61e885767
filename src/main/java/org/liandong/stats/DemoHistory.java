package org.liandong.stats;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.liandong.common.TimeConfig;
import org.liandong.directory.DemoDirectory;
import org.liandong.project.WorkingDayCalendar;

/**
 * Demo history: on the first start of the embedded demo (right after {@link DemoDirectory} seeded an
 * empty database) about six months of decided cases across Zibo's eight counties, so a new user sees
 * a living statistics page. Each case has its timeline (submission, acceptance, sometimes a
 * supplement round), a concluded session with three required city departments (attendance, some
 * late or absent; signed opinions), a decision, often a rating and sometimes in-person visits.
 * <p>
 * The rows are written in bulk, as the services would have left them, in one transaction, and the
 * statistics tables are then computed by {@link StatisticsSnapshot#rebuild()} (their one writer), in a
 * background thread after start-up. Going through the services one case at a time would sign ~250 decision PDFs and
 * replay every state change. Demo decisions carry a one-page
 * placeholder PDF saying so, under the decision-number prefix {@link #PREFIX}, which the real
 * numbering never uses. Deterministic (fixed random seed). Off unless {@code liandong.demo.seed} and
 * {@code liandong.demo.history} are both true (production turns the demo off).
 */
@ApplicationScoped
public class DemoHistory {

    static final String PREFIX = "淄演示审";
    private static final Logger LOG = Logger.getLogger(DemoHistory.class);
    private static final String[] COUNTIES = {
        "370302", "370303", "370304", "370305", "370306", "370321", "370322", "370323"
    };
    private static final String[] INDUSTRIES = {"C26", "C38", "C30", "I65", "D44", "C39"};
    private static final String[] LOW_COMMENTS = {"等待时间较长", "材料要求解释不够清楚", "会议时间改了两次", "希望能提前告知补正要求"};

    private final DemoDirectory.DemoConfig config;
    private final EntityManager em;
    private final StatisticsSnapshot snapshot;
    private final WorkingDayCalendar calendar;
    private final ZoneId zone;
    private final Clock clock;

    DemoHistory(
            DemoDirectory.DemoConfig config,
            EntityManager em,
            StatisticsSnapshot snapshot,
            WorkingDayCalendar calendar,
            TimeConfig time,
            Clock clock) {
        this.config = config;
        this.em = em;
        this.snapshot = snapshot;
        this.calendar = calendar;
        this.zone = time.zone();
        this.clock = clock;
    }

    /** After the demo directory (default priority) and only into a database without projects. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent e) {
        if (!config.seed() || !config.history()) {
            return;
        }
        boolean empty = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from project")
                                                .getSingleResult())
                                        .longValue()
                                == 0
                        && ((Number) em.createNativeQuery("select count(*) from person")
                                                .getSingleResult())
                                        .longValue()
                                > 0);
        if (empty) {
            // Off the start-up path: readiness does not wait (seeding took 53 s on a machine at load 25).
            // One transaction, so a stop half-way leaves no project and the next start seeds again.
            Thread t = new Thread(this::seedLastSixMonths, "demo-history");
            t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            t.setDaemon(true);
            t.start();
        }
    }

    private void seedLastSixMonths() {
        try {
            long t0 = System.nanoTime();
            int n = seed(YearMonth.now(clock.withZone(zone)).minusMonths(1), 6);
            LOG.infof(
                    "Seeded the demo history: %d decided cases over six months in %d ms",
                    n, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException ex) {
            LOG.warn("The demo history was not seeded (it is tried again on the next start)", ex);
        }
    }

    /**
     * Writes {@code months} months of decided cases ending with {@code last} (inclusive) and computes
     * their statistics, in one transaction. Returns the number of cases. Needs the demo directory.
     */
    public int seed(YearMonth last, int months) {
        byte[] pdf = placeholderPdf();
        return QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            int n = em.unwrap(Session.class).doReturningWork(c -> write(c, last, months, pdf));
            snapshot.rebuild();
            return n;
        });
    }

    private int write(Connection c, YearMonth last, int months, byte[] pdf) throws SQLException {
        long applicant = id(c, "select id from person where username = 'applicant'");
        long chair = id(c, "select id from person where username = 'chair'");
        long[][] depts = { // department, official
            {
                id(c, "select id from department where code = '370300-FGW'"),
                id(c, "select id from person where username = 'city.drc'")
            },
            {
                id(c, "select id from department where code = '370300-ZRZY'"),
                id(c, "select id from person where username = 'city.nr'")
            },
            {
                id(c, "select id from department where code = '370300-STHJ'"),
                id(c, "select id from person where username = 'city.eco'")
            }
        };
        String sha = sha256(pdf);
        Random r = new Random(12);
        Rows rows = new Rows(c);
        int cases = 0;
        try (rows) {
            for (YearMonth m = last.minusMonths(months - 1L); !m.isAfter(last); m = m.plusMonths(1)) {
                for (int ci = 0; ci < COUNTIES.length; ci++) {
                    int perMonth = 2 + r.nextInt(5) + (ci < 2 ? 2 : 0); // the two central districts are busier
                    for (int k = 0; k < perMonth; k++) {
                        cases++;
                        writeCase(rows, r, m, COUNTIES[ci], cases, applicant, chair, depts, pdf, sha);
                    }
                }
            }
        }
        return cases;
    }

    private void writeCase(
            Rows rows,
            Random r,
            YearMonth month,
            String county,
            int n,
            long applicant,
            long chair,
            long[][] depts,
            byte[] pdf,
            String sha)
            throws SQLException {
        boolean permit = r.nextInt(4) == 0;
        String matter = permit ? "construction-permit" : "investment-approval";
        // Decided on a working day of the month; the earlier steps counted back in working days.
        LocalDate decided = workingDayOnOrAfter(month.atDay(1 + r.nextInt(month.lengthOfMonth())));
        if (!YearMonth.from(decided).equals(month)) {
            decided = workingDayOnOrBefore(month.atEndOfMonth());
        }
        int reviewDays = permit ? 2 + r.nextInt(7) : 2 + r.nextInt(12); // permits now and then exceed their 7-day limit
        boolean supplement = r.nextInt(5) == 0;
        int pause = supplement ? 2 + r.nextInt(4) : 0;
        LocalDate accepted = minusWorkingDays(decided, reviewDays + pause);
        LocalDate submitted = r.nextInt(3) == 0 ? minusWorkingDays(accepted, 1) : accepted;
        long investment = (5 + r.nextInt(400)) * 1_000_000L;
        Instant created = at(submitted, 9, r.nextInt(60));
        long project = rows.project(
                county,
                matter,
                investment,
                applicant,
                n,
                INDUSTRIES[r.nextInt(INDUSTRIES.length)],
                created,
                at(accepted, 10, r.nextInt(60)));
        rows.event(project, created, "registered");
        rows.event(project, created, "submitted");
        rows.event(project, at(accepted, 10, 0), "accepted");
        if (supplement) {
            LocalDate notice = calendar.plusWorkingDays(accepted, 1 + r.nextInt(Math.max(1, reviewDays - 1)));
            rows.event(project, at(notice, 11, 0), "review-started");
            rows.event(project, at(notice, 15, 0), "supplement-requested");
            rows.event(project, at(calendar.plusWorkingDays(notice, pause), 9, 30), "resubmitted");
        }
        Instant start = at(decided, 9, 0);
        Instant end = at(decided, 10, 30);
        rows.event(project, start, "review-started");
        long session = rows.session(project, start, end, chair);
        rows.sessionEvent(session, start, "started", "chair");
        rows.sessionEvent(session, end.plusSeconds(60L * r.nextInt(30)), "concluded", "chair");
        for (long[] d : depts) {
            rows.required(session, d[0]);
            if (r.nextInt(25) == 0) {
                continue; // absent: no attendance, no opinion
            }
            rows.attend(session, d[1], d[0], start.plusSeconds(60L * (r.nextInt(12) - 3)), end);
            rows.opinion(
                    session, d[0], d[1], end.plusSeconds(60L * (r.nextInt(10) == 0 ? 24 * 60 : r.nextInt(6 * 60))));
        }
        String outcome = r.nextInt(12) == 0 ? "REJECTED" : r.nextInt(4) == 0 ? "APPROVED_WITH_CONDITIONS" : "APPROVED";
        Instant issued = end.plusSeconds(3600L * (2 + r.nextInt(5)));
        long decision = rows.decision(session, project, outcome, issued, chair, n, pdf, sha);
        rows.event(project, issued, "decided");
        int visits = r.nextInt(20) == 0 ? 2 : r.nextInt(7) == 0 ? 1 : 0;
        for (int v = 0; v < visits; v++) {
            rows.visit(
                    project, v == 0 ? created : issued.plusSeconds(86_400), v == 0 ? "SUBMISSION" : "COLLECT_DECISION");
        }
        if (r.nextInt(10) < 7) {
            int roll = r.nextInt(100);
            int score = roll < 70 ? 5 : roll < 88 ? 4 : roll < 95 ? 3 : roll < 98 ? 2 : 1;
            rows.rating(
                    decision,
                    applicant,
                    score,
                    score <= 3 ? LOW_COMMENTS[r.nextInt(LOW_COMMENTS.length)] : null,
                    issued.plusSeconds(3600L * (1 + r.nextInt(48))));
        }
    }

    private LocalDate workingDayOnOrAfter(LocalDate d) {
        return calendar.isWorkingDay(d) ? d : calendar.plusWorkingDays(d, 1);
    }

    private LocalDate workingDayOnOrBefore(LocalDate d) {
        while (!calendar.isWorkingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    private LocalDate minusWorkingDays(LocalDate d, int n) {
        for (int left = n; left > 0; ) {
            d = d.minusDays(1);
            if (calendar.isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    private Instant at(LocalDate d, int hour, int minute) {
        return d.atTime(LocalTime.of(hour, minute)).atZone(zone).toInstant();
    }

    private static long id(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("demo history needs the demo directory: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** One page: "demo history record, not a real decision", in the standard fonts (no embedding needed). */
    static byte[] placeholderPdf() {
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                s.newLineAtOffset(72, 700);
                s.showText("Liandong demo history: a generated record for the statistics page, not a real decision.");
                s.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts of one case's rows; generated ids are read back where later rows refer to them. */
    private static final class Rows implements AutoCloseable {
        private final PreparedStatement project;
        private final PreparedStatement event;
        private final PreparedStatement session;
        private final PreparedStatement sessionEvent;
        private final PreparedStatement required;
        private final PreparedStatement attend;
        private final PreparedStatement opinion;
        private final PreparedStatement decision;
        private final PreparedStatement visit;
        private final PreparedStatement rating;

        Rows(Connection c) throws SQLException {
            project = c.prepareStatement(
                    "insert into project (project_code, name, enterprise_name, credit_code, investment, county_code, "
                            + "industry, matter_type_code, applicant_id, status, created_at, accepted_at) "
                            + "values (?, ?, ?, '91370300MA3C00000X', ?, ?, ?, ?, ?, 'DECIDED', ?, ?)",
                    new String[] {"id"});
            event = c.prepareStatement(
                    "insert into project_event (project_id, at, type, actor) values (?, ?, ?, 'demo')");
            session = c.prepareStatement(
                    "insert into review_session (project_id, title, starts_at, ends_at, duration_minutes, chair_id, "
                            + "status, created_at) values (?, '联审会（演示历史）', ?, ?, 90, ?, 'CONCLUDED', ?)",
                    new String[] {"id"});
            sessionEvent =
                    c.prepareStatement("insert into session_event (session_id, at, type, actor) values (?, ?, ?, ?)");
            required = c.prepareStatement(
                    "insert into session_department (session_id, department_id, required) values (?, ?, true)");
            attend = c.prepareStatement(
                    "insert into attendance (session_id, person_id, role, department_id, joined_at, left_at, "
                            + "leave_reason) values (?, ?, 'OFFICIAL', ?, ?, ?, 'SESSION_ENDED')");
            opinion = c.prepareStatement(
                    "insert into opinion (session_id, department_id, author_id, revision, verdict, status, "
                            + "created_at, signed_at, content_hash) values (?, ?, ?, 1, 'APPROVE', 'SIGNED', ?, ?, ?)");
            decision = c.prepareStatement(
                    "insert into decision (session_id, project_id, number, prefix, issue_year, serial, outcome, "
                            + "combining_rule, issuer, issued_at, issued_by_id, pdf, pdf_sha256, signature, seal_certificate) "
                            + "values (?, ?, ?, ?, ?, ?, ?, 'REJECT_PREVAILS', '淄博市行政审批服务局', ?, ?, ?, ?, '-', '-')",
                    new String[] {"id"});
            visit = c.prepareStatement(
                    "insert into project_visit (project_id, visited_at, purpose, logged_by, logged_at) "
                            + "values (?, ?, ?, 'coordinator', ?)");
            rating = c.prepareStatement(
                    "insert into decision_rating (decision_id, person_id, score, comment, rated_at) values (?, ?, ?, ?, ?)");
        }

        long project(
                String county,
                String matter,
                long investment,
                long applicant,
                int n,
                String industry,
                Instant created,
                Instant accepted)
                throws SQLException {
            project.setString(1, "DEMO-" + county + "-" + n);
            project.setString(2, "演示项目 " + n + "（" + industry + "）");
            project.setString(3, "淄博演示企业" + n + "有限公司");
            project.setBigDecimal(4, BigDecimal.valueOf(investment));
            project.setString(5, county);
            project.setString(6, industry);
            project.setString(7, matter);
            project.setLong(8, applicant);
            project.setObject(9, ts(created));
            project.setObject(10, ts(accepted));
            return insert(project);
        }

        void event(long projectId, Instant at, String type) throws SQLException {
            event.setLong(1, projectId);
            event.setObject(2, ts(at));
            event.setString(3, type);
            event.addBatch();
        }

        long session(long projectId, Instant start, Instant end, long chair) throws SQLException {
            session.setLong(1, projectId);
            session.setObject(2, ts(start));
            session.setObject(3, ts(end));
            session.setLong(4, chair);
            session.setObject(5, ts(start.minusSeconds(3 * 86_400)));
            return insert(session);
        }

        void sessionEvent(long sessionId, Instant at, String type, String actor) throws SQLException {
            sessionEvent.setLong(1, sessionId);
            sessionEvent.setObject(2, ts(at));
            sessionEvent.setString(3, type);
            sessionEvent.setString(4, actor);
            sessionEvent.addBatch();
        }

        void required(long sessionId, long departmentId) throws SQLException {
            required.setLong(1, sessionId);
            required.setLong(2, departmentId);
            required.addBatch();
        }

        void attend(long sessionId, long person, long departmentId, Instant joined, Instant left) throws SQLException {
            attend.setLong(1, sessionId);
            attend.setLong(2, person);
            attend.setLong(3, departmentId);
            attend.setObject(4, ts(joined));
            attend.setObject(5, ts(left));
            attend.addBatch();
        }

        void opinion(long sessionId, long departmentId, long author, Instant signed) throws SQLException {
            opinion.setLong(1, sessionId);
            opinion.setLong(2, departmentId);
            opinion.setLong(3, author);
            opinion.setObject(4, ts(signed.minusSeconds(900)));
            opinion.setObject(5, ts(signed));
            opinion.setString(6, "0".repeat(64));
            opinion.addBatch();
        }

        long decision(
                long sessionId,
                long projectId,
                String outcome,
                Instant issued,
                long issuer,
                int serial,
                byte[] pdf,
                String sha)
                throws SQLException {
            int year = issued.atOffset(ZoneOffset.ofHours(8)).getYear();
            decision.setLong(1, sessionId);
            decision.setLong(2, projectId);
            decision.setString(3, PREFIX + "〔" + year + "〕" + serial + "号");
            decision.setString(4, PREFIX);
            decision.setInt(5, year);
            decision.setInt(6, serial);
            decision.setString(7, outcome);
            decision.setObject(8, ts(issued));
            decision.setLong(9, issuer);
            decision.setBytes(10, pdf);
            decision.setString(11, sha);
            return insert(decision);
        }

        void visit(long projectId, Instant at, String purpose) throws SQLException {
            visit.setLong(1, projectId);
            visit.setObject(2, ts(at));
            visit.setString(3, purpose);
            visit.setObject(4, ts(at));
            visit.addBatch();
        }

        void rating(long decisionId, long person, int score, String comment, Instant at) throws SQLException {
            rating.setLong(1, decisionId);
            rating.setLong(2, person);
            rating.setInt(3, score);
            rating.setString(4, comment);
            rating.setObject(5, ts(at));
            rating.addBatch();
        }

        private static long insert(PreparedStatement ps) throws SQLException {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }

        private static OffsetDateTime ts(Instant i) {
            return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
        }

        /** Sends the batched rows (their parents were inserted one by one) and closes the statements. */
        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : List.of(event, sessionEvent, required, attend, opinion, visit, rating)) {
                ps.executeBatch();
            }
            for (PreparedStatement ps : List.of(
                    project, event, session, sessionEvent, required, attend, opinion, decision, visit, rating)) {
                ps.close();
            }
        }
    }
}
