package org.liandong.opinion;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.liandong.common.ProblemException;
import org.liandong.directory.Department;
import org.liandong.directory.Person;

/**
 * One department's opinion in one session, at one revision.
 * <pre>DRAFT → SIGNED → SUPERSEDED</pre>
 * A draft is edited freely by its department's officials; signing freezes it (content hash
 * recorded) and from then on every edit is refused with 409. A correction is a new DRAFT revision
 * naming the signed one it supersedes and why; when the correction is signed the old revision
 * becomes SUPERSEDED. Nothing is ever deleted, so the history stays complete.
 */
@Entity
@Table(name = "opinion")
public class Opinion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "session_id")
    private long sessionId;

    @ManyToOne(optional = false)
    private Department department;

    @ManyToOne(optional = false)
    private Person author;

    private int revision;

    @ManyToOne
    private Opinion supersedes;

    @Column(name = "correction_reason", length = org.liandong.common.TextLimits.CORRECTION_REASON)
    private String correctionReason;

    @Enumerated(EnumType.STRING)
    private Verdict verdict;

    @Column(length = org.liandong.common.TextLimits.OPINION_REASONS)
    private String reasons;

    @Column(name = "legal_basis", length = org.liandong.common.TextLimits.LEGAL_BASIS)
    private String legalBasis;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "opinion_condition", joinColumns = @JoinColumn(name = "opinion_id"))
    @OrderColumn(name = "position")
    @Column(name = "text", length = org.liandong.common.TextLimits.CONDITION)
    private List<String> conditions = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "opinion_supplement_item", joinColumns = @JoinColumn(name = "opinion_id"))
    @OrderColumn(name = "position")
    private List<SupplementItem> supplementItems = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "opinion_citation", joinColumns = @JoinColumn(name = "opinion_id"))
    @OrderColumn(name = "position")
    private List<OpinionCitation> citations = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    private OpinionStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "signed_at")
    private Instant signedAt;

    @Column(name = "content_hash")
    private String contentHash;

    @Version
    private long version;

    protected Opinion() {}

    /** A first draft (revision 1) for the author's department. */
    public Opinion(long sessionId, Person author, OpinionContent content, Instant now) {
        this(sessionId, author, 1, null, null, content, now);
    }

    private Opinion(
            long sessionId,
            Person author,
            int revision,
            Opinion supersedes,
            String reason,
            OpinionContent content,
            Instant now) {
        this.sessionId = sessionId;
        this.department = author.department();
        this.author = author;
        this.revision = revision;
        this.supersedes = supersedes;
        this.correctionReason = reason;
        this.status = OpinionStatus.DRAFT;
        this.createdAt = now;
        apply(content);
    }

    /** Replaces a draft's content. */
    public void edit(Person editor, OpinionContent content) {
        requireDraft("edit");
        this.author = editor;
        apply(content);
    }

    /** Freezes the opinion. The signer's identity has been re-confirmed by the caller. */
    public void sign(Person signer, Instant now) {
        requireDraft("sign");
        this.author = signer;
        this.status = OpinionStatus.SIGNED;
        this.signedAt = now;
        this.contentHash = hash();
        if (supersedes != null) {
            supersedes.status = OpinionStatus.SUPERSEDED;
        }
    }

    /** A new draft revision correcting this signed opinion. */
    public Opinion correct(Person author, String reason, OpinionContent content, Instant now) {
        if (status != OpinionStatus.SIGNED) {
            throw ProblemException.conflict(
                    "illegal-transition", "only the current signed opinion can be corrected; this one is " + status);
        }
        return new Opinion(sessionId, author, revision + 1, this, reason, content, now);
    }

    private void apply(OpinionContent c) {
        this.verdict = c.verdict();
        this.reasons = c.reasons();
        this.legalBasis = c.legalBasis();
        this.conditions = new ArrayList<>(c.conditions());
        this.supplementItems = new ArrayList<>(c.supplementItems().stream()
                .map(i -> new SupplementItem(i.material(), i.problem()))
                .toList());
        this.citations =
                new ArrayList<>(c.citations().stream().map(OpinionCitation::new).toList());
    }

    private void requireDraft(String action) {
        if (status != OpinionStatus.DRAFT) {
            throw ProblemException.conflict(
                    "opinion-signed",
                    "opinion " + id + " is " + status + " and cannot be changed; "
                            + (status == OpinionStatus.SIGNED ? "submit a correction instead" : "it was corrected"));
        }
    }

    /** SHA-256 of what was signed: the facts a later reader relies on. */
    String hash() {
        StringBuilder s = new StringBuilder();
        s.append(sessionId)
                .append('|')
                .append(department.id())
                .append('|')
                .append(revision)
                .append('|')
                .append(verdict)
                .append('|')
                .append(reasons)
                .append('|')
                .append(legalBasis)
                .append('|')
                .append(author.username())
                .append('|')
                .append(signedAt);
        conditions.forEach(c -> s.append("|c:").append(c));
        supplementItems.forEach(
                i -> s.append("|s:").append(i.material()).append(':').append(i.problem()));
        citations.forEach(c -> s.append("|r:")
                .append(c.target())
                .append(':')
                .append(c.targetIndex())
                .append(':')
                .append(c.materialFileId())
                .append(':')
                .append(c.page())
                .append(':')
                .append(c.region()));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Long id() {
        return id;
    }

    public long sessionId() {
        return sessionId;
    }

    public Department department() {
        return department;
    }

    public Person author() {
        return author;
    }

    public int revision() {
        return revision;
    }

    public Opinion supersedes() {
        return supersedes;
    }

    public String correctionReason() {
        return correctionReason;
    }

    public Verdict verdict() {
        return verdict;
    }

    public String reasons() {
        return reasons;
    }

    public String legalBasis() {
        return legalBasis;
    }

    public List<String> conditions() {
        return List.copyOf(conditions);
    }

    public List<SupplementItem> supplementItems() {
        return List.copyOf(supplementItems);
    }

    public List<Citation> citations() {
        return citations.stream().map(OpinionCitation::toCitation).toList();
    }

    /** The citations on one entry of {@code conditions} or {@code supplementItems}. */
    public List<Citation> citationsOn(String list, int index) {
        return citations().stream()
                .filter(c -> c.on().equals(list) && c.index() == index)
                .toList();
    }

    public OpinionStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant signedAt() {
        return signedAt;
    }

    public String contentHash() {
        return contentHash;
    }

    public boolean isSigned() {
        return status == OpinionStatus.SIGNED;
    }
}
