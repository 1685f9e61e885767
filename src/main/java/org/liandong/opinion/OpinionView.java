package org.liandong.opinion;

import java.time.Instant;
import java.util.List;

public record OpinionView(
        long id,
        long sessionId,
        long departmentId,
        String departmentCode,
        String departmentNameZh,
        String departmentNameEn,
        int revision,
        OpinionStatus status,
        Verdict verdict,
        String reasons,
        List<String> conditions,
        List<OpinionContent.Item> supplementItems,
        String legalBasis,
        String author,
        String authorName,
        Instant createdAt,
        Instant signedAt,
        String contentHash,
        Long supersedesId,
        String correctionReason,
        List<Citation> citations) {

    public static OpinionView of(Opinion o) {
        return new OpinionView(
                o.id(),
                o.sessionId(),
                o.department().id(),
                o.department().code(),
                o.department().nameZh(),
                o.department().nameEn(),
                o.revision(),
                o.status(),
                o.verdict(),
                o.reasons(),
                o.conditions(),
                o.supplementItems().stream()
                        .map(i -> new OpinionContent.Item(i.material(), i.problem()))
                        .toList(),
                o.legalBasis(),
                o.author().username(),
                o.author().displayName(),
                o.createdAt(),
                o.signedAt(),
                o.contentHash(),
                o.supersedes() == null ? null : o.supersedes().id(),
                o.correctionReason(),
                o.citations());
    }
}
