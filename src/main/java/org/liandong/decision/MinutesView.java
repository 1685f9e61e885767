package org.liandong.decision;

import java.time.Instant;

/** One frozen version of a session's minutes (the PDF at {@code /api/sessions/{id}/minutes.pdf} is the current one). */
public record MinutesView(
        long id,
        long sessionId,
        int version,
        Long supersedesId,
        String correctionReason,
        String pdfSha256,
        Instant frozenAt,
        String frozenBy) {

    static MinutesView of(SessionMinutes m) {
        return new MinutesView(
                m.id(),
                m.sessionId(),
                m.version(),
                m.supersedesId(),
                m.correctionReason(),
                m.pdfSha256(),
                m.frozenAt(),
                m.frozenBy());
    }
}
