package org.liandong.stats;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A published monthly bulletin (一月一通报): its figures frozen as JSON when it was published, and
 * the PDF with its SHA-256. A record: never updated, never recomputed; a later correction of the
 * underlying data shows in the live statistics, not here.
 */
@Entity
@Table(name = "stats_bulletin")
public class Bulletin {

    @Id
    @Column(name = "bulletin_month")
    private String month;

    private String content;
    private byte[] pdf;

    @Column(name = "pdf_sha256")
    private String pdfSha256;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "published_by")
    private String publishedBy;

    protected Bulletin() {}

    Bulletin(String month, String content, byte[] pdf, String pdfSha256, Instant publishedAt, String publishedBy) {
        this.month = month;
        this.content = content;
        this.pdf = pdf;
        this.pdfSha256 = pdfSha256;
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
    }

    public String month() {
        return month;
    }

    public String content() {
        return content;
    }

    public byte[] pdf() {
        return pdf;
    }

    public String pdfSha256() {
        return pdfSha256;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public String publishedBy() {
        return publishedBy;
    }
}
