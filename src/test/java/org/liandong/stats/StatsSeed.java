package org.liandong.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;

/**
 * Writes records straight into the real database (H2 or PostgreSQL) with exact timestamps, as the
 * services would have left them after months of work: projects with their timelines, sessions,
 * attendance, opinions, decisions and ratings. Statistics are then computed from these rows by the
 * production code. Times are given in Asia/Shanghai local time.
 */
@ApplicationScoped
public class StatsSeed {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final EntityManager em;

    StatsSeed(EntityManager em) {
        this.em = em;
    }

    /** Local Shanghai time "2026-03-02T09:00" as an instant. */
    public static Instant sh(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    /** One step of a project's timeline: its type and when (Shanghai local). */
    public record Step(String type, String at) {}

    public static Step step(String type, String at) {
        return new Step(type, at);
    }

    /**
     * A project that went through {@code steps} (registered at the first step's time) and, if
     * {@code outcome} is given, was decided at the "decided" step by a decision with that outcome,
     * issued in its own concluded session. Returns {project id, session id, decision id}.
     */
    @Transactional
    public long[] project(
            String county,
            String matter,
            long investmentYuan,
            long applicantId,
            long chairId,
            String outcome,
            Step... steps) {
        int n = SERIAL.incrementAndGet();
        Instant created = sh(steps[0].at());
        Instant accepted = null;
        Instant decided = null;
        for (Step s : steps) {
            if (s.type().equals("accepted") && accepted == null) {
                accepted = sh(s.at());
            }
            if (s.type().equals("decided")) {
                decided = sh(s.at());
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("project_code", "T12-" + System.nanoTime() % 1_000_000_000L + "-" + n);
        p.put("name", "统计测试项目 " + n);
        p.put("enterprise_name", "淄博测试企业" + n);
        p.put("credit_code", "91370300MA3C00000X");
        p.put("investment", new java.math.BigDecimal(investmentYuan));
        p.put("county_code", county);
        p.put("industry", "C26");
        p.put("matter_type_code", matter);
        p.put("applicant_id", applicantId);
        p.put("status", decided != null ? "DECIDED" : "IN_REVIEW");
        p.put("created_at", ts(created));
        p.put("accepted_at", accepted == null ? null : ts(accepted));
        long projectId = insert("project", p);
        event(projectId, created, "registered");
        for (Step s : steps) {
            event(projectId, sh(s.at()), s.type());
        }
        if (decided == null) {
            return new long[] {projectId, 0, 0};
        }
        long session = session(projectId, decided.minusSeconds(7200), decided.minusSeconds(3600), "CONCLUDED", chairId);
        long decision = decision(session, projectId, outcome, decided, chairId);
        return new long[] {projectId, session, decision};
    }

    @Transactional
    public void event(long projectId, Instant at, String type) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("project_id", projectId);
        e.put("at", ts(at));
        e.put("type", type);
        e.put("actor", "seed");
        insert("project_event", e);
    }

    @Transactional
    public long session(long projectId, Instant start, Instant end, String status, long chairId) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("project_id", projectId);
        s.put("title", "统计测试联审会");
        s.put("starts_at", ts(start));
        s.put("ends_at", ts(end));
        s.put("duration_minutes", (int) Math.max(1, (end.getEpochSecond() - start.getEpochSecond()) / 60));
        s.put("chair_id", chairId);
        s.put("status", status);
        s.put("created_at", ts(start.minusSeconds(86_400)));
        return insert("review_session", s);
    }

    @Transactional
    public void sessionEvent(long sessionId, Instant at, String type) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("session_id", sessionId);
        e.put("at", ts(at));
        e.put("type", type);
        e.put("actor", "seed");
        insert("session_event", e);
    }

    @Transactional
    public void required(long sessionId, long departmentId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("session_id", sessionId);
        d.put("department_id", departmentId);
        d.put("required", true);
        insert("session_department", d);
    }

    @Transactional
    public void attend(long sessionId, long personId, long departmentId, Instant joined) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("session_id", sessionId);
        a.put("person_id", personId);
        a.put("role", "OFFICIAL");
        a.put("department_id", departmentId);
        a.put("joined_at", ts(joined));
        a.put("left_at", ts(joined.plusSeconds(3000)));
        a.put("leave_reason", "LEFT");
        insert("attendance", a);
    }

    @Transactional
    public void opinion(long sessionId, long departmentId, long authorId, int revision, Instant signedAt) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("session_id", sessionId);
        o.put("department_id", departmentId);
        o.put("author_id", authorId);
        o.put("revision", revision);
        o.put("verdict", "APPROVE");
        o.put("status", "SIGNED");
        o.put("created_at", ts(signedAt.minusSeconds(600)));
        o.put("signed_at", ts(signedAt));
        o.put("content_hash", "0".repeat(64));
        insert("opinion", o);
    }

    @Transactional
    public long decision(long sessionId, long projectId, String outcome, Instant issuedAt, long issuerId) {
        int n = SERIAL.incrementAndGet();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("session_id", sessionId);
        d.put("project_id", projectId);
        d.put("number", "测联审〔" + n + "〕" + System.nanoTime() % 1_000_000 + "号");
        d.put("prefix", "测联审");
        d.put("issue_year", 1000 + n);
        d.put("serial", n);
        d.put("outcome", outcome);
        d.put("combining_rule", "REJECT_PREVAILS");
        d.put("issuer", "测试");
        d.put("issued_at", ts(issuedAt));
        d.put("issued_by_id", issuerId);
        d.put("pdf", new byte[] {'%', 'P', 'D', 'F'});
        d.put("pdf_sha256", "0".repeat(64));
        d.put("signature", "-");
        d.put("seal_certificate", "-");
        return insert("decision", d);
    }

    @Transactional
    public void rating(long decisionId, long personId, int score, String comment, Instant at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("decision_id", decisionId);
        r.put("person_id", personId);
        r.put("score", score);
        r.put("comment", comment);
        r.put("rated_at", ts(at));
        insert("decision_rating", r);
    }

    @Transactional
    public void execute(String sql) {
        em.createNativeQuery(sql).executeUpdate();
    }

    private long insert(String table, Map<String, Object> cols) {
        String sql = "insert into " + table + " (" + String.join(", ", cols.keySet()) + ") values ("
                + String.join(", ", cols.keySet().stream().map(k -> "?").toList()) + ")";
        List<Object> values = new ArrayList<>(cols.values());
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : 0L;
                }
            }
        });
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
