package org.liandong.decision;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.liandong.material.MaterialReferences;
import org.liandong.opinion.Citation;
import org.liandong.opinion.Opinion;
import org.liandong.session.AttendanceView;
import org.liandong.session.ReviewSession;

/**
 * The documents a session produces, as Qute templates (XHTML, so that the same text renders to
 * HTML for the browser and to PDF): the decision, the one-time supplement notice and the minutes.
 */
public final class DecisionDocuments {

    private DecisionDocuments() {
    }

    @CheckedTemplate
    static class Templates {
        /** 联审决定书: approved, approved with conditions, or rejected. */
        static native TemplateInstance decision(Doc doc);

        /** 一次性补正告知书: every missing material from every department, once. */
        static native TemplateInstance notice(Doc doc);

        /** 联审会议纪要: attendance, agenda, each opinion, outcome. */
        static native TemplateInstance minutes(Minutes doc);
    }

    /** What the decision and the notice print. Texts are ready to print (dates in Chinese). */
    public record Doc(String issuer, String number, String title, String issuedOn, Project project, String sessionTitle,
                      String sessionOn, String chair, String outcome, List<OpinionLine> opinions, List<String> conditions,
                      List<NoticeLine> notice, List<MaterialLine> materials, String sealFingerprint) {
    }

    /** One material version reviewed in the session, with its full SHA-256. */
    public record MaterialLine(int index, String item, int version, String fileName, String sha256) {
    }

    public record Project(String code, String name, String enterprise, String creditCode, String county, String matter,
                          String investment) {
    }

    public record OpinionLine(String department, String verdict, String reasons, List<String> conditions,
                              List<String> supplementItems, String legalBasis, String signer, String signedAt,
                              int revision, String correction) {
    }

    public record NoticeLine(int index, String material, String problems, String departments) {
    }

    public record AttendanceLine(String name, String department, String role, String joined, String left) {
    }

    public record Minutes(String issuer, String sessionTitle, String sessionOn, String status, String chair,
                          Project project, List<String> agenda, List<AttendanceLine> attendance,
                          List<OpinionLine> opinions, List<MaterialLine> materials, String outcome, String number,
                          String printedOn) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final java.util.Map<String, String> SESSION_STATUS_ZH = java.util.Map.of(
            "SCHEDULED", "已安排", "OPEN", "候会中", "IN_PROGRESS", "进行中", "CONCLUDED", "已结束", "CANCELLED", "已取消");
    private static final java.util.Map<String, String> ROLE_ZH = java.util.Map.of(
            "CHAIR", "主持人", "OFFICIAL", "部门代表", "APPLICANT", "申请人", "PROXY_AGENT", "代办员", "OBSERVER", "监督员");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The printable facts of a decision (or notice) about to be issued. */
    static Doc doc(String issuer, String number, String title, Instant issuedAt, ReviewSession s, String outcome,
                   List<Opinion> opinions, DecisionPolicy.Combined combined, List<MaterialReferences.VersionLine> materials,
                   Function<Citation, String> cite, String sealFingerprint, ZoneId zone) {
        List<NoticeLine> notice = new ArrayList<>();
        for (DecisionPolicy.NoticeItem n : combined.notice()) {
            notice.add(new NoticeLine(notice.size() + 1, n.material(), String.join("；", n.problems()),
                    String.join("、", n.departments())));
        }
        return new Doc(issuer, number, title, DAY.format(issuedAt.atZone(zone)), project(s.project()), s.title(),
                DAY.format(s.startsAt().atZone(zone)), s.chair().displayName(), outcome,
                opinions.stream().map(o -> line(o, cite, zone)).toList(), combined.conditions(), notice, materialLines(materials),
                sealFingerprint);
    }

    static Minutes minutes(String issuer, ReviewSession s, List<AttendanceView> attendance, List<Opinion> opinions,
                           List<MaterialReferences.VersionLine> materials, Function<Citation, String> cite, Decision decision,
                           Instant now, ZoneId zone) {
        return new Minutes(issuer, s.title(), MINUTE.format(s.startsAt().atZone(zone)) + " – "
                + MINUTE.format(s.endsAt().atZone(zone)).substring(11), SESSION_STATUS_ZH.get(s.status().name()), s.chair().displayName(),
                project(s.project()), s.agenda(),
                attendance.stream().map(a -> new AttendanceLine(a.displayName(),
                        a.departmentNameZh() == null ? "—" : a.departmentNameZh(), ROLE_ZH.getOrDefault(a.role().name(), a.role().name()),
                        MINUTE.format(a.joinedAt().atZone(zone)),
                        a.leftAt() == null ? "—" : MINUTE.format(a.leftAt().atZone(zone)))).toList(),
                opinions.stream().map(o -> line(o, cite, zone)).toList(), materialLines(materials),
                decision == null ? null : decision.outcome().zh(), decision == null ? null : decision.number(),
                MINUTE.format(now.atZone(zone)));
    }

    private static Project project(org.liandong.project.Project p) {
        return new Project(p.projectCode(), p.name(), p.enterpriseName(), p.creditCode(), p.county().nameZh(),
                p.matterType().nameZh(), yuan(p.investment()));
    }

    private static List<MaterialLine> materialLines(List<MaterialReferences.VersionLine> versions) {
        List<MaterialLine> lines = new ArrayList<>();
        for (MaterialReferences.VersionLine v : versions) {
            lines.add(new MaterialLine(lines.size() + 1, v.item(), v.version(), v.fileName(), v.sha256()));
        }
        return lines;
    }

    /** The opinion's conditions, each followed by its page references. */
    static List<String> citedConditions(Opinion o, Function<Citation, String> cite) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < o.conditions().size(); i++) {
            out.add(withCitations(o.conditions().get(i), o, Citation.CONDITIONS, i, cite));
        }
        return out;
    }

    /** The problem of each supplement item (maybe null), followed by its page references. */
    static List<String> citedProblems(Opinion o, Function<Citation, String> cite) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < o.supplementItems().size(); i++) {
            out.add(withCitations(o.supplementItems().get(i).problem(), o, Citation.SUPPLEMENT_ITEMS, i, cite));
        }
        return out;
    }

    private static String withCitations(String text, Opinion o, String list, int index, Function<Citation, String> cite) {
        StringBuilder s = new StringBuilder(text == null ? "" : text);
        o.citationsOn(list, index).forEach(c -> s.append(s.isEmpty() ? "" : " ").append(cite.apply(c)));
        return s.isEmpty() ? null : s.toString();
    }

    private static OpinionLine line(Opinion o, Function<Citation, String> cite, ZoneId zone) {
        List<String> problems = citedProblems(o, cite);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            items.add(o.supplementItems().get(i).material() + (problems.get(i) == null ? "" : "：" + problems.get(i)));
        }
        List<String> conditions = citedConditions(o, cite);
        return new OpinionLine(o.department().nameZh(), o.verdict().zh(), o.reasons(), conditions, items,
                o.legalBasis(), o.author().displayName(),
                o.signedAt() == null ? "（未签署）" : MINUTE.format(o.signedAt().atZone(zone)), o.revision(), o.correctionReason());
    }

    /** 120000000.00 → "12,000 万元". */
    private static String yuan(BigDecimal amount) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.CHINA);
        f.setMaximumFractionDigits(2);
        return f.format(amount.movePointLeft(4)) + " 万元";
    }
}
