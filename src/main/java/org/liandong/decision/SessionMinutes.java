package org.liandong.decision;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One frozen version of a session's minutes: the HTML and the sealed PDF/A rendered from it, with
 * the PDF's SHA-256. Written once when the decision is issued (version 1) and never changed; a
 * correction is a new version that names the one it supersedes and why.
 */
@Entity
@Table(name = "session_minutes")
@Immutable
public class SessionMinutes {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "session_id")
    private long sessionId;

    private int version;

    @Column(name = "supersedes_id")
    private Long supersedesId;

    @Column(name = "correction_reason")
    private String correctionReason;

    @Basic(fetch = FetchType.LAZY)
    private byte[] html;

    @Basic(fetch = FetchType.LAZY)
    private byte[] pdf;

    @Column(name = "pdf_sha256")
    private String pdfSha256;

    @Column(name = "seal_certificate")
    private String sealCertificate;

    @Column(name = "frozen_at")
    private Instant frozenAt;

    @Column(name = "frozen_by")
    private String frozenBy;

    protected SessionMinutes() {}

    SessionMinutes(
            long sessionId,
            SessionMinutes superseded,
            String correctionReason,
            String html,
            byte[] pdf,
            String pdfSha256,
            String sealCertificate,
            Instant frozenAt,
            String frozenBy) {
        this.sessionId = sessionId;
        this.version = superseded == null ? 1 : superseded.version + 1;
        this.supersedesId = superseded == null ? null : superseded.id;
        this.correctionReason = correctionReason;
        this.html = html.getBytes(StandardCharsets.UTF_8);
        this.pdf = pdf;
        this.pdfSha256 = pdfSha256;
        this.sealCertificate = sealCertificate;
        this.frozenAt = frozenAt;
        this.frozenBy = frozenBy;
    }

    public Long id() {
        return id;
    }

    public long sessionId() {
        return sessionId;
    }

    public int version() {
        return version;
    }

    public Long supersedesId() {
        return supersedesId;
    }

    public String correctionReason() {
        return correctionReason;
    }

    public String html() {
        return new String(html, StandardCharsets.UTF_8);
    }

    public byte[] pdf() {
        return pdf.clone();
    }

    public String pdfSha256() {
        return pdfSha256;
    }

    public String sealCertificate() {
        return sealCertificate;
    }

    public Instant frozenAt() {
        return frozenAt;
    }

    public String frozenBy() {
        return frozenBy;
    }
}
