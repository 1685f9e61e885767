package org.liandong.project;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.liandong.common.ProblemException;
import org.liandong.directory.Person;
import org.liandong.directory.Region;

/**
 * An investment project and its lifecycle:
 * <pre>
 * DRAFT → SUBMITTED → PRE_REVIEW → ACCEPTED → IN_REVIEW → DECIDED
 *                      PRE_REVIEW → SUPPLEMENTING (coordinator's one-time notice)
 *                                    IN_REVIEW → SUPPLEMENTING (only by a combined decision)
 *                      SUPPLEMENTING → PRE_REVIEW, or ACCEPTED once accepted (resubmission)
 * any state but DECIDED → WITHDRAWN
 * </pre>
 * The checklist changes only during pre-review or supplementing. ProjectLifecycleTest checks
 * every (state × action) pair.
 * Every move goes through a method here that checks it, records it on the timeline and refuses an
 * illegal one with a 409 problem; nothing else writes {@code status}.
 */
@Entity
@Table(name = "project")
public class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_code")
    private String projectCode;

    @Column(length = org.liandong.common.TextLimits.PROJECT_NAME)
    private String name;

    @Column(name = "enterprise_name", length = org.liandong.common.TextLimits.ENTERPRISE_NAME)
    private String enterpriseName;

    @Column(name = "credit_code")
    private String creditCode;

    private BigDecimal investment;

    @ManyToOne(optional = false)
    private Region county;

    @Column(length = org.liandong.common.TextLimits.INDUSTRY)
    private String industry;

    @ManyToOne(optional = false)
    private MatterType matterType;

    @ManyToOne(optional = false)
    private Person applicant;

    @ManyToOne
    private Person proxyAgent;

    @Enumerated(EnumType.STRING)
    private ProjectStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "filed_by")
    private FiledBy filedBy;

    @Version
    private long version;

    @OneToMany(mappedBy = "project", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<MaterialItem> materials = new ArrayList<>();

    @OneToMany(mappedBy = "project", cascade = CascadeType.ALL)
    @OrderBy("at, id")
    private List<ProjectEvent> events = new ArrayList<>();

    protected Project() {}

    /** A new project in DRAFT, with the matter type's checklist, all items missing. */
    public Project(
            ProjectCode code,
            String name,
            String enterpriseName,
            String creditCode,
            BigDecimal investment,
            Region county,
            String industry,
            MatterType matterType,
            Person applicant,
            Person proxyAgent,
            FiledBy filedBy,
            String actor,
            Instant now) {
        this.filedBy = filedBy;
        this.projectCode = code.toString();
        this.name = name;
        this.enterpriseName = enterpriseName;
        this.creditCode = creditCode;
        this.investment = investment;
        this.county = county;
        this.industry = industry;
        this.matterType = matterType;
        this.applicant = applicant;
        this.proxyAgent = proxyAgent;
        this.status = ProjectStatus.DRAFT;
        this.createdAt = now;
        List<String> names = matterType.materials();
        for (int i = 0; i < names.size(); i++) {
            materials.add(new MaterialItem(this, i, names.get(i)));
        }
        record(now, "registered", actor, this.projectCode + " " + name + " (" + filedBy.describe() + ")");
    }

    /** The applicant hands the project in at the single window. */
    public void submit(String actor, Instant now) {
        move(ProjectAction.SUBMIT.from(), ProjectStatus.SUBMITTED, "submitted", actor, null, now);
    }

    /** The coordinator starts checking the materials. */
    public void startPreReview(String actor, Instant now) {
        move(ProjectAction.PRE_REVIEW.from(), ProjectStatus.PRE_REVIEW, "pre-review-started", actor, null, now);
    }

    /** The coordinator updates one checklist item, during pre-review or supplementing only. */
    public void setMaterialStatus(long itemId, MaterialStatus status, String note, String actor, Instant now) {
        if (status == MaterialStatus.ACCEPTED) {
            throw ProblemException.invalid("fileId", "accept a material with the file version it is accepted with");
        }
        MaterialItem item = openMaterial(itemId);
        item.set(status, note);
        record(now, "material-" + status.name().toLowerCase(), actor, item.name() + (note == null ? "" : ": " + note));
    }

    /**
     * The coordinator accepts a checklist item with one file version: one of the item's own, or one
     * the system already holds for the same enterprise ({@code fileLabel} says which, for the timeline).
     */
    public void acceptMaterial(long itemId, long fileId, String fileLabel, String actor, Instant now) {
        MaterialItem item = openMaterial(itemId);
        item.accept(fileId, null);
        record(now, "material-accepted", actor, item.name() + ": " + fileLabel);
    }

    /** A new file version arrived for an item: it now waits for review. Refused (409) once materials are closed. */
    public void materialUploaded(long itemId, String fileLabel, String actor, Instant now) {
        requireMaterialsOpen();
        MaterialItem item = material(itemId);
        if (item.status() == MaterialStatus.ACCEPTED) {
            throw ProblemException.conflict("material-accepted", item.name() + " is already accepted");
        }
        item.set(MaterialStatus.PROVIDED, null);
        record(now, "material-uploaded", actor, item.name() + ": " + fileLabel);
    }

    /** Refuses (409) changes to the materials once the application has been accepted, decided or withdrawn. */
    public void requireMaterialsOpen() {
        if (!EnumSet.of(
                        ProjectStatus.DRAFT,
                        ProjectStatus.SUBMITTED,
                        ProjectStatus.PRE_REVIEW,
                        ProjectStatus.SUPPLEMENTING)
                .contains(status)) {
            throw ProblemException.conflict("materials-closed", "project is " + status + "; its materials are closed");
        }
    }

    /** A checklist item of this project, or 404. */
    public MaterialItem material(long itemId) {
        return materials.stream()
                .filter(m -> m.id().equals(itemId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("material", itemId));
    }

    /** The checklist is reviewed during pre-review or supplementing only: not after acceptance (issue 10). */
    private MaterialItem openMaterial(long itemId) {
        requireStatus(EnumSet.of(ProjectStatus.PRE_REVIEW, ProjectStatus.SUPPLEMENTING), "review the checklist of");
        return material(itemId);
    }

    /**
     * Accepts the application: from here the statutory clock runs. Refused while any material
     * is neither accepted with a file version nor marked not applicable.
     */
    public void accept(String actor, Instant now) {
        requireStatus(ProjectAction.ACCEPT.from(), "accept");
        List<String> open = materials.stream()
                .filter(m -> !m.isSettled())
                .map(MaterialItem::name)
                .toList();
        if (!open.isEmpty()) {
            throw ProblemException.conflict(
                    "materials-incomplete", "cannot accept while materials are open: " + String.join("; ", open));
        }
        move(ProjectAction.ACCEPT.from(), ProjectStatus.ACCEPTED, "accepted", actor, null, now);
        this.acceptedAt = now;
    }

    /** The coordinator's one-time notice at pre-review: the applicant must supply what it lists. */
    public void requestSupplement(String actor, String notice, Instant now) {
        move(
                ProjectAction.REQUEST_SUPPLEMENT.from(),
                ProjectStatus.SUPPLEMENTING,
                "supplement-requested",
                actor,
                notice,
                now);
    }

    /**
     * A combined decision (numbered {@code notice}) requires a supplement: the review pauses until
     * the applicant resubmits. Only the decision may do this to a project under review.
     */
    public void requireSupplementByDecision(String actor, String notice, Instant now) {
        move(
                EnumSet.of(ProjectStatus.IN_REVIEW),
                ProjectStatus.SUPPLEMENTING,
                "supplement-requested",
                actor,
                notice,
                now);
    }

    /** The applicant supplied what was asked: back to pre-review, or to ACCEPTED if the clock had started. */
    public void resubmit(String actor, Instant now) {
        ProjectStatus to = acceptedAt == null ? ProjectStatus.PRE_REVIEW : ProjectStatus.ACCEPTED;
        move(ProjectAction.RESUBMIT.from(), to, "resubmitted", actor, null, now);
    }

    /** A joint review session has begun for this project. */
    public void startReview(String actor, Instant now) {
        move(EnumSet.of(ProjectStatus.ACCEPTED), ProjectStatus.IN_REVIEW, "review-started", actor, null, now);
    }

    /** A combined decision was issued. */
    public void decide(String actor, String decisionNumber, Instant now) {
        move(EnumSet.of(ProjectStatus.IN_REVIEW), ProjectStatus.DECIDED, "decided", actor, decisionNumber, now);
    }

    /** Withdrawn by the applicant or the service centre, with a reason; not once decided. */
    public void withdraw(String actor, String reason, Instant now) {
        move(ProjectAction.WITHDRAW.from(), ProjectStatus.WITHDRAWN, "withdrawn", actor, reason, now);
    }

    /** Adds a timeline entry for something that happened elsewhere (a session, an opinion, a notice). */
    public void record(Instant at, String type, String actor, String detail) {
        events.add(new ProjectEvent(this, at, type, actor, detail));
    }

    private void move(
            Set<ProjectStatus> from, ProjectStatus to, String event, String actor, String detail, Instant now) {
        requireStatus(from, event);
        this.status = to;
        record(now, event, actor, detail);
    }

    private void requireStatus(Set<ProjectStatus> from, String action) {
        if (!from.contains(status)) {
            throw ProblemException.conflict(
                    "illegal-transition",
                    "cannot " + action.replace('-', ' ') + " a project that is " + status + " (allowed from " + from
                            + ")");
        }
    }

    public boolean concerns(long personId) {
        return applicant.id() == personId || (proxyAgent != null && proxyAgent.id() == personId);
    }

    public Long id() {
        return id;
    }

    public String projectCode() {
        return projectCode;
    }

    public String name() {
        return name;
    }

    public String enterpriseName() {
        return enterpriseName;
    }

    public String creditCode() {
        return creditCode;
    }

    public BigDecimal investment() {
        return investment;
    }

    public Region county() {
        return county;
    }

    public String industry() {
        return industry;
    }

    public MatterType matterType() {
        return matterType;
    }

    public Person applicant() {
        return applicant;
    }

    public Person proxyAgent() {
        return proxyAgent;
    }

    public ProjectStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public FiledBy filedBy() {
        return filedBy;
    }

    public long version() {
        return version;
    }

    public List<MaterialItem> materials() {
        return List.copyOf(materials);
    }

    public List<ProjectEvent> events() {
        return List.copyOf(events);
    }
}
