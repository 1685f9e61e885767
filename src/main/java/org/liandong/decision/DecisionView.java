package org.liandong.decision;

import java.time.Instant;
import java.util.List;
import org.liandong.opinion.Verdict;

/** An issued decision as the API shows it (to staff, and to the project's own applicant side). */
public record DecisionView(
        long id,
        long sessionId,
        long projectId,
        String projectCode,
        String projectName,
        String number,
        String title,
        Outcome outcome,
        String outcomeZh,
        String issuer,
        Instant issuedAt,
        String issuedBy,
        List<String> conditions,
        List<NoticeItemView> notice,
        List<OpinionSummary> opinions,
        String pdfSha256,
        String sealFingerprint,
        RatingView rating) {

    public record NoticeItemView(String material, String problems, String departments) {}

    public record OpinionSummary(
            long opinionId,
            String departmentNameZh,
            String departmentNameEn,
            Verdict verdict,
            String verdictZh,
            int revision,
            String signedBy,
            Instant signedAt) {}

    public record RatingView(int score, String comment, Instant ratedAt) {}

    static DecisionView of(Decision d, Rating rating) {
        return new DecisionView(
                d.id(),
                d.sessionId(),
                d.project().id(),
                d.project().projectCode(),
                d.project().name(),
                d.number(),
                d.title(),
                d.outcome(),
                d.outcome().zh(),
                d.issuer(),
                d.issuedAt(),
                d.issuedBy().displayName(),
                d.conditions(),
                d.notice().stream()
                        .map(n -> new NoticeItemView(n.material(), n.problems(), n.departments()))
                        .toList(),
                d.opinions().stream()
                        .map(o -> new OpinionSummary(
                                o.id(),
                                o.department().nameZh(),
                                o.department().nameEn(),
                                o.verdict(),
                                o.verdict().zh(),
                                o.revision(),
                                o.author().displayName(),
                                o.signedAt()))
                        .toList(),
                d.pdfSha256(),
                Seal.fingerprint(d.sealCertificate()),
                rating == null ? null : new RatingView(rating.score(), rating.comment(), rating.ratedAt()));
    }
}
