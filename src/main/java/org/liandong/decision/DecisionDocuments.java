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
import org.liandong.media.SessionRecording;
import org.liandong.opinion.Citation;
import org.liandong.opinion.Opinion;
import org.liandong.session.AttendanceView;
import org.liandong.session.ReviewSession;

/**
 * The documents a session produces, as Qute templates (XHTML, so that the same text renders to
 * HTML for the browser and to PDF): the decision, the one-time supplement notice and the minutes.
 */
public final class DecisionDocuments {

    private DecisionDocuments() {}

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
    public record Doc(
            String issuer,
            String number,
            String title,
            String issuedOn,
            Project project,
            String sessionTitle,
            String sessionOn,
            String chair,
            String outcome,
            List<OpinionLine> opinions,
            List<String> conditions,
            List<NoticeLine> notice,
            List<MaterialLine> materials,
            String sealFingerprint) {}

    /** One material version reviewed in the session, with its full SHA-256. */
    public record MaterialLine(int index, String item, int version, String fileName, String sha256) {}

    public record Project(
            String code,
            String name,
            String enterprise,
            String creditCode,
            String county,
            String matter,
            String investment) {}

    public record OpinionLine(
            String department,
            String verdict,
            String reasons,
            List<String> conditions,
            List<String> supplementItems,
            String legalBasis,
            String signer,
            String signedAt,
            int revision,
            String correction) {}

    public record NoticeLine(int index, String material, String problems, String departments) {}

    /** One person's attendance: every period present, and the gaps between and inside them. */
    public record AttendanceLine(String name, String department, String role, String periods, String gaps) {}

    /** One agenda step and when the chair opened it ("—" when the room recorded no time). */
    public record AgendaLine(int index, String item, String startedAt) {}

    /** {@code chapters}: one mark per agenda step begun while it recorded, as an offset into the file ("2 审查材料 00:04:10"). */
    public record RecordingLine(
            String participant,
            String fileName,
            String sha256,
            String size,
            String recordedAt,
            List<String> chapters) {}

    /**
     * The minutes. {@code version} 1 is frozen when the decision is issued; a correction is the
     * next version with its reason; {@code draft} minutes (no decision yet) are not sealed.
     */
    public record Minutes(
            String issuer,
            String sessionTitle,
            String sessionOn,
            String status,
            String chair,
            Project project,
            List<AgendaLine> agenda,
            List<AttendanceLine> attendance,
            List<RecordingLine> recordings,
            List<MaterialLine> materials,
            List<OpinionLine> opinions,
            String outcome,
            String number,
            String printedOn,
            boolean draft,
            int version,
            String correction) {}

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final java.util.Map<String, String> SESSION_STATUS_ZH = java.util.Map.of(
            "SCHEDULED", "已安排", "OPEN", "候会中", "IN_PROGRESS", "进行中", "CONCLUDED", "已结束", "CANCELLED", "已取消");
    private static final java.util.Map<String, String> ROLE_ZH = java.util.Map.of(
            "CHAIR", "主持人", "OFFICIAL", "部门代表", "APPLICANT", "申请人", "PROXY_AGENT", "代办员", "OBSERVER", "监督员");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    /** The printable facts of a decision (or notice) about to be issued. */
    static Doc doc(
            String issuer,
            String number,
            String title,
            Instant issuedAt,
            ReviewSession s,
            String outcome,
            List<Opinion> opinions,
            DecisionPolicy.Combined combined,
            List<MaterialReferences.VersionLine> materials,
            Function<Citation, String> cite,
            String sealFingerprint,
            ZoneId zone) {
        List<NoticeLine> notice = new ArrayList<>();
        for (DecisionPolicy.NoticeItem n : combined.notice()) {
            notice.add(new NoticeLine(
                    notice.size() + 1,
                    n.material(),
                    String.join("；", n.problems()),
                    String.join("、", n.departments())));
        }
        return new Doc(
                issuer,
                number,
                title,
                DAY.format(issuedAt.atZone(zone)),
                project(s.project()),
                s.title(),
                DAY.format(s.startsAt().atZone(zone)),
                s.chair().displayName(),
                outcome,
                opinions.stream().map(o -> line(o, cite, zone)).toList(),
                combined.conditions(),
                notice,
                materialLines(materials),
                sealFingerprint);
    }

    /** What the minutes print; {@code version} 0 means a draft (no decision yet). */
    static Minutes minutes(
            String issuer,
            ReviewSession s,
            List<AttendanceView> attendance,
            List<SessionRecording> recordings,
            List<MaterialReferences.VersionLine> materials,
            List<Opinion> opinions,
            Function<Citation, String> cite,
            Decision decision,
            Instant now,
            ZoneId zone,
            int version,
            String correction) {
        return new Minutes(
                issuer,
                s.title(),
                MINUTE.format(s.startsAt().atZone(zone)) + " – "
                        + MINUTE.format(s.endsAt().atZone(zone)).substring(11),
                SESSION_STATUS_ZH.get(s.status().name()),
                s.chair().displayName(),
                project(s.project()),
                agenda(s, zone),
                attendance(attendance, zone),
                recordings.stream()
                        .map(r -> new RecordingLine(
                                r.participant(),
                                r.fileName(),
                                r.sha256(),
                                String.format(Locale.ROOT, "%.1f MB", r.bytes() / 1e6),
                                MINUTE.format(r.recordedAt().atZone(zone)),
                                chapters(s.agenda(), stepsBegan(s), r.startedAt(), r.recordedAt())))
                        .toList(),
                materialLines(materials),
                opinions.stream().map(o -> line(o, cite, zone)).toList(),
                decision == null ? null : decision.outcome().zh(),
                decision == null ? null : decision.number(),
                MINUTE.format(now.atZone(zone)),
                version == 0,
                version,
                correction);
    }

    /**
     * When each agenda step began (0-based step → instant): step 1 when the session started, later
     * steps when the room recorded an {@code agenda-step} session event whose detail is the step.
     */
    private static java.util.Map<Integer, Instant> stepsBegan(ReviewSession s) {
        java.util.Map<Integer, Instant> began = new java.util.HashMap<>();
        for (var e : s.history()) {
            if ("started".equals(e.type())) {
                began.putIfAbsent(0, e.at());
            } else if ("agenda-step".equals(e.type())
                    && e.detail() != null
                    && e.detail().strip().matches("\\d{1,3}")) {
                began.putIfAbsent(Integer.parseInt(e.detail().strip()), e.at());
            }
        }
        return began;
    }

    /**
     * Chapter marks of one recording: each agenda step that began between the recording's start and
     * when it was filed, as "step title HH:MM:SS" (offset into the file). None when the start is
     * unknown (recordings filed before it was kept).
     */
    static List<String> chapters(
            List<String> agenda, java.util.Map<Integer, Instant> began, Instant start, Instant end) {
        if (start == null) {
            return List.of();
        }
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < agenda.size(); i++) {
            Instant at = began.get(i);
            if (at != null && !at.isBefore(start) && !at.isAfter(end)) {
                long seconds = java.time.Duration.between(start, at).toSeconds();
                marks.add(String.format(
                        Locale.ROOT,
                        "%d %s %02d:%02d:%02d",
                        i + 1,
                        agenda.get(i),
                        seconds / 3600,
                        seconds / 60 % 60,
                        seconds % 60));
            }
        }
        return marks;
    }

    /** The agenda as printed: each step with the time it began, or a dash. */
    private static List<AgendaLine> agenda(ReviewSession s, ZoneId zone) {
        java.util.Map<Integer, Instant> began = stepsBegan(s);
        List<AgendaLine> lines = new ArrayList<>();
        List<String> items = s.agenda();
        for (int i = 0; i < items.size(); i++) {
            Instant at = began.get(i);
            lines.add(new AgendaLine(i + 1, items.get(i), at == null ? "—" : MINUTE.format(at.atZone(zone))));
        }
        return lines;
    }

    /** One line per person: the periods present in order, and each gap (left and came back) or drop within a period. */
    private static List<AttendanceLine> attendance(List<AttendanceView> entries, ZoneId zone) {
        java.util.Map<Long, List<AttendanceView>> byPerson = new java.util.LinkedHashMap<>();
        entries.stream()
                .sorted(java.util.Comparator.comparing(AttendanceView::joinedAt))
                .forEach(a -> byPerson.computeIfAbsent(a.personId(), k -> new ArrayList<>())
                        .add(a));
        List<AttendanceLine> lines = new ArrayList<>();
        for (List<AttendanceView> periods : byPerson.values()) {
            AttendanceView first = periods.get(0);
            List<String> present = new ArrayList<>();
            List<String> gaps = new ArrayList<>();
            for (int i = 0; i < periods.size(); i++) {
                AttendanceView a = periods.get(i);
                present.add(HOUR_MINUTE.format(a.joinedAt().atZone(zone)) + "–"
                        + (a.leftAt() == null
                                ? "（未离开）"
                                : HOUR_MINUTE.format(a.leftAt().atZone(zone))));
                if (a.interruptions() > 0) {
                    gaps.add("掉线 " + a.interruptions() + " 次，共 " + a.interruptedSeconds() + " 秒");
                }
                if (i > 0 && periods.get(i - 1).leftAt() != null) {
                    Instant left = periods.get(i - 1).leftAt();
                    gaps.add(HOUR_MINUTE.format(left.atZone(zone)) + "–"
                            + HOUR_MINUTE.format(a.joinedAt().atZone(zone)) + " 不在场（"
                            + java.time.Duration.between(left, a.joinedAt()).toMinutes() + " 分钟）");
                }
            }
            lines.add(new AttendanceLine(
                    first.displayName(),
                    first.departmentNameZh() == null ? "—" : first.departmentNameZh(),
                    ROLE_ZH.getOrDefault(first.role().name(), first.role().name()),
                    String.join("；", present),
                    gaps.isEmpty() ? "—" : String.join("；", gaps)));
        }
        return lines;
    }

    private static Project project(org.liandong.project.Project p) {
        return new Project(
                p.projectCode(),
                p.name(),
                p.enterpriseName(),
                p.creditCode(),
                p.county().nameZh(),
                p.matterType().nameZh(),
                yuan(p.investment()));
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

    private static String withCitations(
            String text, Opinion o, String list, int index, Function<Citation, String> cite) {
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
        return new OpinionLine(
                o.department().nameZh(),
                o.verdict().zh(),
                o.reasons(),
                conditions,
                items,
                o.legalBasis(),
                o.author().displayName(),
                o.signedAt() == null ? "（未签署）" : MINUTE.format(o.signedAt().atZone(zone)),
                o.revision(),
                o.correctionReason());
    }

    /** 120000000.00 → "12,000 万元". */
    private static String yuan(BigDecimal amount) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.CHINA);
        f.setMaximumFractionDigits(2);
        return f.format(amount.movePointLeft(4)) + " 万元";
    }
}
