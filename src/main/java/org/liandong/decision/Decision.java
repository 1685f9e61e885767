package org.liandong.decision;

import jakarta.persistence.Basic;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Immutable;
import org.liandong.directory.Person;
import org.liandong.opinion.Opinion;
import org.liandong.project.Project;

/**
 * A combined decision, issued once per session and never changed afterwards ({@link Immutable}):
 * its number, outcome, merged conditions or notice, the opinions it rests on, and the issued PDF
 * with its SHA-256 (signed inside the PDF: PAdES). A different outcome needs a new session and decision.
 */
@Entity
@Table(name = "decision")
@Immutable
public class Decision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "session_id")
    private long sessionId;

    @ManyToOne(optional = false)
    private Project project;

    private String number;
    private String prefix;

    @Column(name = "issue_year")
    private int issueYear;

    private int serial;

    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(name = "combining_rule")
    private CombiningRule combiningRule;

    private String issuer;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @ManyToOne(optional = false)
    private Person issuedBy;

    @Basic(fetch = FetchType.LAZY)
    private byte[] pdf;

    @Column(name = "pdf_sha256")
    private String pdfSha256;

    private String signature;

    @Basic(fetch = FetchType.LAZY)
    private byte[] ofd;

    @Column(name = "ofd_sha256")
    private String ofdSha256;

    @Column(name = "seal_certificate")
    private String sealCertificate;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "decision_condition", joinColumns = @JoinColumn(name = "decision_id"))
    @OrderColumn(name = "position")
    @Column(name = "text")
    private List<String> conditions = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "decision_notice_item", joinColumns = @JoinColumn(name = "decision_id"))
    @OrderColumn(name = "position")
    private List<NoticeEntry> notice = new ArrayList<>();

    @ManyToMany
    @JoinTable(
            name = "decision_opinion",
            joinColumns = @JoinColumn(name = "decision_id"),
            inverseJoinColumns = @JoinColumn(name = "opinion_id"))
    private List<Opinion> opinions = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "decision_material", joinColumns = @JoinColumn(name = "decision_id"))
    @OrderColumn(name = "position")
    @Column(name = "material_file_id")
    private List<Long> materialFileIds = new ArrayList<>();

    /** One merged line of the supplement notice, as stored. */
    @Embeddable
    public static class NoticeEntry {
        private String material;
        private String problems;
        private String departments;

        protected NoticeEntry() {}

        NoticeEntry(String material, String problems, String departments) {
            this.material = material;
            this.problems = problems;
            this.departments = departments;
        }

        public String material() {
            return material;
        }

        public String problems() {
            return problems;
        }

        public String departments() {
            return departments;
        }
    }

    protected Decision() {}

    Decision(
            long sessionId,
            Project project,
            DecisionNumber number,
            DecisionPolicy.Combined combined,
            CombiningRule rule,
            String issuer,
            Instant issuedAt,
            Person issuedBy,
            List<Opinion> opinions,
            List<Long> materialFileIds,
            byte[] pdf,
            String pdfSha256,
            String sealCertificate) {
        this.materialFileIds.addAll(materialFileIds);
        this.sessionId = sessionId;
        this.project = project;
        this.number = number.toString();
        this.prefix = number.prefix();
        this.issueYear = number.year();
        this.serial = number.serial();
        this.outcome = combined.outcome();
        this.combiningRule = rule;
        this.issuer = issuer;
        this.issuedAt = issuedAt;
        this.issuedBy = issuedBy;
        this.opinions.addAll(opinions);
        this.conditions.addAll(combined.conditions());
        combined.notice()
                .forEach(n -> notice.add(new NoticeEntry(
                        n.material(), String.join("；", n.problems()), String.join("、", n.departments()))));
        this.pdf = pdf;
        this.pdfSha256 = pdfSha256;
        this.signature = null; // the PDF carries its signature (PAdES); see signature()
        this.sealCertificate = sealCertificate;
    }

    public Long id() {
        return id;
    }

    public long sessionId() {
        return sessionId;
    }

    public Project project() {
        return project;
    }

    public String number() {
        return number;
    }

    public Outcome outcome() {
        return outcome;
    }

    public CombiningRule combiningRule() {
        return combiningRule;
    }

    public String issuer() {
        return issuer;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Person issuedBy() {
        return issuedBy;
    }

    public byte[] pdf() {
        return pdf.clone();
    }

    public String pdfSha256() {
        return pdfSha256;
    }

    /**
     * Adds the OFD twin of the issued PDF (with its SM2 e-seal inside). Only while issuing, before
     * the decision is stored: an issued decision is never edited.
     */
    void attachOfd(byte[] ofd, String ofdSha256) {
        if (id != null) {
            throw new IllegalStateException("decision " + number + " is issued: its documents do not change");
        }
        this.ofd = ofd.clone();
        this.ofdSha256 = ofdSha256;
    }

    /** The OFD issued with the PDF, if the SM2/OFD profile was on then. */
    public java.util.Optional<byte[]> ofd() {
        return java.util.Optional.ofNullable(ofd).map(byte[]::clone);
    }

    public String ofdSha256() {
        return ofdSha256;
    }

    /**
     * The detached Base64 signature of decisions issued before PDFs carried an embedded one; null
     * for every newer decision, whose signature is inside {@link #pdf()}.
     */
    public String signature() {
        return signature;
    }

    public String sealCertificate() {
        return sealCertificate;
    }

    public List<String> conditions() {
        return List.copyOf(conditions);
    }

    public List<NoticeEntry> notice() {
        return List.copyOf(notice);
    }

    /** The material versions the decision was based on (those the project was accepted with when it was issued). */
    public List<Long> materialFileIds() {
        return List.copyOf(materialFileIds);
    }

    public List<Opinion> opinions() {
        return List.copyOf(opinions);
    }

    /** The document's title: a notice for a supplement outcome, a decision otherwise. */
    public String title() {
        return outcome == Outcome.SUPPLEMENT_REQUIRED ? "一次性补正告知书" : "投资项目远程视频联审决定书";
    }
}
