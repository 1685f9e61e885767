package org.liandong.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.liandong.account.CurrentUser;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.common.TimeConfig;
import org.liandong.decision.DecisionPolicy.Ask;
import org.liandong.decision.DecisionPolicy.Ballot;
import org.liandong.decision.DecisionPolicy.Combined;
import org.liandong.directory.Person;
import org.liandong.directory.Role;
import org.liandong.document.EmbeddedSignatures;
import org.liandong.document.PadesSigner;
import org.liandong.document.SealedOfds;
import org.liandong.document.SealedPdfs;
import org.liandong.material.MaterialReferences;
import org.liandong.opinion.Citation;
import org.liandong.opinion.Opinion;
import org.liandong.opinion.OpinionRepository;
import org.liandong.project.Project;
import org.liandong.project.ProjectStatus;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionDepartment;
import org.liandong.session.SessionRepository;
import org.liandong.session.SessionStatus;

/**
 * Issues the combined decision of a session and serves it: numbering, rendering, sealing, the
 * project's next step, freezing the minutes, the applicant's inbox and rating, verification.
 * <p>
 * Issuing is one transaction: the number is taken (locking its counter row), the document is
 * rendered and sealed, the decision stored, the project moved, the minutes frozen, and the audit entries appended
 * last (they lock the audit head). If anything fails, everything, the number included, rolls back.
 */
@ApplicationScoped
@Transactional
public class DecisionService {

    private final DecisionRepository decisions;
    private final RatingRepository ratings;
    private final OpinionRepository opinions;
    private final SessionRepository sessions;
    private final DecisionNumbers numbers;
    private final SealedPdfs sealed;
    private final SealedOfds sealedOfds;
    private final MinutesService minutes;
    private final Seal seal;
    private final DecisionConfig config;
    private final TimeConfig time;
    private final CurrentUser me;
    private final Clock clock;
    private final Event<AuditEvent> audit;
    private final MaterialReferences materials;

    DecisionService(
            DecisionRepository decisions,
            RatingRepository ratings,
            OpinionRepository opinions,
            SessionRepository sessions,
            DecisionNumbers numbers,
            SealedPdfs sealed,
            MinutesService minutes,
            Seal seal,
            DecisionConfig config,
            TimeConfig time,
            CurrentUser me,
            Clock clock,
            Event<AuditEvent> audit,
            MaterialReferences materials,
            SealedOfds sealedOfds) {
        this.sealedOfds = sealedOfds;
        this.materials = materials;
        this.decisions = decisions;
        this.ratings = ratings;
        this.opinions = opinions;
        this.sessions = sessions;
        this.numbers = numbers;
        this.sealed = sealed;
        this.minutes = minutes;
        this.seal = seal;
        this.config = config;
        this.time = time;
        this.me = me;
        this.clock = clock;
        this.audit = audit;
    }

    /** The chair's panel: who has signed, who is missing, what the outcome would be, or the decision. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DecisionPanelView panel(long sessionId) {
        ReviewSession s = session(sessionId);
        requireStaff();
        List<Opinion> signed = opinions.listCurrentSigned(sessionId);
        Map<Long, Opinion> byDept =
                signed.stream().collect(Collectors.toMap(o -> o.department().id(), o -> o));
        List<DecisionPanelView.DepartmentState> states = s.departments().stream()
                .map(d -> {
                    Opinion o = byDept.get(d.departmentId());
                    return new DecisionPanelView.DepartmentState(
                            d.departmentId(),
                            d.department().code(),
                            d.department().nameZh(),
                            d.department().nameEn(),
                            d.required(),
                            o != null,
                            o == null ? null : o.verdict());
                })
                .toList();
        CombiningRule rule = config.ruleFor(s.project().matterType().code());
        List<Ballot> ballots = ballots(signed);
        List<String> missing = DecisionPolicy.missing(required(s), ballots);
        DecisionPanelView.Preview preview = null;
        if (missing.isEmpty() && !ballots.isEmpty()) {
            Combined c = new DecisionPolicy(rule).combine(required(s), ballots);
            preview = new DecisionPanelView.Preview(c.outcome(), c.outcome().zh(), c.conditions(), c.notice());
        }
        DecisionView issued = decisions.findBySession(sessionId).map(this::view).orElse(null);
        boolean mayIssue = issued == null
                && preview != null
                && s.chair().id().equals(me.id())
                && (s.status() == SessionStatus.IN_PROGRESS || s.status() == SessionStatus.CONCLUDED);
        return new DecisionPanelView(
                sessionId,
                s.project().id(),
                s.project().projectCode(),
                s.chair().id(),
                mayIssue,
                rule,
                states,
                missing,
                preview,
                issued);
    }

    /**
     * The chair issues the session's decision. Refused (409) while a required department has no
     * signed opinion, twice for one session, or before the session has started.
     */
    public DecisionView issue(long sessionId) {
        // Locked until commit: a second issuer (another tab, another node) waits here and then sees the decision.
        ReviewSession s =
                sessions.findForUpdate(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
        Person chair = me.person();
        if (!s.chair().id().equals(chair.id())) {
            throw ProblemException.forbidden("only the chair of session " + sessionId + " issues its decision");
        }
        if (s.status() != SessionStatus.IN_PROGRESS && s.status() != SessionStatus.CONCLUDED) {
            throw ProblemException.conflict(
                    "illegal-transition", "a decision needs a session in progress or concluded, not " + s.status());
        }
        if (decisions.findBySession(sessionId).isPresent()) {
            throw ProblemException.conflict("decision-issued", "session " + sessionId + " already has its decision");
        }
        List<Opinion> signed = opinions.listCurrentSigned(sessionId);
        CombiningRule rule = config.ruleFor(s.project().matterType().code());
        Combined combined;
        try {
            combined = new DecisionPolicy(rule).combine(required(s), ballots(signed));
        } catch (DecisionPolicy.MissingOpinions e) {
            throw ProblemException.conflict("opinions-missing", e.getMessage());
        }
        Project project = s.project();
        if (project.status() != ProjectStatus.IN_REVIEW) {
            throw ProblemException.conflict(
                    "illegal-transition",
                    "project " + project.projectCode() + " is " + project.status() + ", not IN_REVIEW");
        }

        Instant now = clock.instant();
        DecisionNumber number =
                numbers.next(config.numberPrefix(), now.atZone(time.zone()).getYear());
        String certificate = seal.certificatePem();
        String title = combined.outcome() == Outcome.SUPPLEMENT_REQUIRED ? "一次性补正告知书" : "投资项目远程视频联审决定书";
        List<MaterialReferences.VersionLine> reviewed = materials.acceptedVersions(project.id());
        DecisionDocuments.Doc doc = DecisionDocuments.doc(
                config.issuer(),
                number.toString(),
                title,
                now,
                s,
                combined.outcome().zh(),
                signed,
                combined,
                reviewed,
                this::cite,
                shortFingerprint(certificate),
                time.zone());
        String xhtml = render(doc, combined.outcome());
        byte[] document = sealed.issue(
                xhtml,
                seal.key(),
                new PadesSigner.Claims(
                        config.issuer(), title + " " + number, project.county().nameZh(), now),
                config.issuer(),
                config.tsaUrl());
        Decision d = new Decision(
                sessionId,
                project,
                number,
                combined,
                rule,
                config.issuer(),
                now,
                chair,
                signed,
                reviewed.stream().map(MaterialReferences.VersionLine::fileId).toList(),
                document,
                sha256(document),
                certificate);
        if (config.ofd()) {
            byte[] ofd = sealedOfds.issue(xhtml, seal.sm2Key(), config.issuer(), now);
            d.attachOfd(ofd, sha256(ofd));
        }
        decisions.persist(d);

        ProjectStatus before = project.status();
        if (combined.outcome() == Outcome.SUPPLEMENT_REQUIRED) {
            project.requireSupplementByDecision(chair.username(), number + " " + noticeText(combined), now);
        } else {
            project.decide(chair.username(), number.toString(), now);
        }
        project.record(
                now,
                "decision-issued",
                chair.username(),
                number + " " + combined.outcome().zh());
        decisions.flush();
        SessionMinutes frozen = minutes.freeze(s, d, chair.username(), now);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("number", d.number());
        data.put("sessionId", sessionId);
        data.put("projectId", project.id());
        data.put("outcome", d.outcome().name());
        data.put("pdfSha256", d.pdfSha256());
        if (d.ofdSha256() != null) {
            data.put("ofdSha256", d.ofdSha256());
        }
        data.put("minutesPdfSha256", frozen.pdfSha256());
        data.put("opinions", signed.stream().map(Opinion::id).toList());
        data.put(
                "materials",
                reviewed.stream().map(v -> v.fileId() + ":" + v.sha256()).toList());
        audit.fire(new AuditEvent("decision", d.id().toString(), "issued", chair.username(), now, data));
        audit.fire(new AuditEvent(
                "project",
                project.id().toString(),
                combined.outcome() == Outcome.SUPPLEMENT_REQUIRED ? "supplement-requested" : "decided",
                chair.username(),
                now,
                Map.of("from", before.name(), "to", project.status().name(), "decision", d.number())));
        return view(d);
    }

    /** An issued file (PDF or OFD) as stored, with the number to name it after. */
    public record IssuedDocument(String number, byte[] bytes) {}

    /** A decision the caller may see: staff see all; the applicant side only their own projects' (else empty: 404). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DecisionView> getDecision(long id) {
        return visibleDecision(id).map(this::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IssuedDocument> getDocument(long id) {
        return visibleDecision(id).map(d -> new IssuedDocument(d.number(), d.pdf()));
    }

    /** The OFD issued with the decision (SM2 e-seal inside); empty when not visible, or issued without one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IssuedDocument> getOfd(long id) {
        return visibleDecision(id).flatMap(d -> d.ofd().map(ofd -> new IssuedDocument(d.number(), ofd)));
    }

    /** The decision as HTML, from the same template and facts as its PDF. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> getHtml(long id) {
        return visibleDecision(id).map(this::html);
    }

    /** The applicant side's inbox: decisions and notices on their projects, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DecisionView> inbox() {
        return decisions.listForParty(me.id()).stream().map(this::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DecisionView> listByProject(long projectId) {
        return decisions.listByProject(projectId).stream()
                .filter(this::visible)
                .map(this::view)
                .toList();
    }

    private Optional<Decision> visibleDecision(long id) {
        return decisions.findByIdOptional(id).filter(this::visible);
    }

    private DecisionView view(Decision d) {
        return DecisionView.of(d, ratings.findByDecision(d.id()).orElse(null));
    }

    private String html(Decision d) {
        ReviewSession s = session(d.sessionId());
        Combined combined = new Combined(
                d.outcome(),
                d.conditions(),
                d.notice().stream()
                        .map(n -> new DecisionPolicy.NoticeItem(
                                n.material(), List.of(n.problems()), List.of(n.departments())))
                        .toList());
        return render(
                DecisionDocuments.doc(
                        d.issuer(),
                        d.number(),
                        d.title(),
                        d.issuedAt(),
                        s,
                        d.outcome().zh(),
                        d.opinions(),
                        combined,
                        materials.versions(d.materialFileIds()),
                        this::cite,
                        shortFingerprint(d.sealCertificate()),
                        time.zone()),
                d.outcome());
    }

    /** One rating (1–5, optional comment) per decision, by the project's applicant or proxy agent. */
    public DecisionView rate(long decisionId, RatingRequest r) {
        Decision d = visibleDecision(decisionId).orElseThrow(() -> ProblemException.notFound("decision", decisionId));
        if (!(me.is(Role.APPLICANT) || me.is(Role.PROXY_AGENT)) || !d.project().concerns(me.id())) {
            throw ProblemException.forbidden("only the project's applicant or proxy agent rates its decision");
        }
        if (ratings.findByDecision(decisionId).isPresent()) {
            throw ProblemException.conflict("already-rated", "decision " + d.number() + " has already been rated");
        }
        String comment = r.comment() == null || r.comment().isBlank()
                ? null
                : r.comment().strip();
        Rating rating = new Rating(d, me.person(), r.score(), comment, clock.instant());
        ratings.persist(rating);
        ratings.flush();
        audit.fire(new AuditEvent(
                "decision",
                d.id().toString(),
                "rated",
                me.person().username(),
                clock.instant(),
                Map.of("score", r.score())));
        return view(d);
    }

    /**
     * Whether a file (or its SHA-256) is the genuine, unaltered PDF issued under {@code number}.
     * Open to anyone holding a document: it reveals only what the document itself shows.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VerificationView verify(String number, byte[] file, String digest) {
        if (number == null || number.isBlank()) {
            throw ProblemException.invalid("number", "give the decision number printed on the document");
        }
        String sha;
        if (file != null && file.length > 0) {
            sha = sha256(file);
        } else if (digest != null && digest.strip().matches("[0-9a-fA-F]{64}")) {
            sha = digest.strip().toLowerCase(Locale.ROOT);
        } else {
            throw ProblemException.invalid(
                    digest == null || digest.isBlank() ? "file" : "sha256",
                    "send the PDF file, or its SHA-256 as 64 hex digits");
        }
        // Only a holder of the exact document learns anything: an unknown number and a wrong digest
        // answer the same bare "not genuine", so the endpoint cannot list decisions (issue 11).
        Optional<Decision> found =
                decisions.findByNumber(number.strip()).filter(d -> d.pdfSha256().equals(sha));
        if (found.isEmpty()) {
            return VerificationView.notGenuine();
        }
        Decision d = found.get();
        byte[] checked = file != null && file.length > 0 ? file : d.pdf();
        boolean sealValid = d.signature() == null
                ? EmbeddedSignatures.check(checked, Seal.parseCertificate(d.sealCertificate()))
                        .valid()
                : Seal.verify(checked, d.signature(), d.sealCertificate()); // issued before embedded signatures
        return new VerificationView(
                d.number(),
                true,
                true,
                sealValid,
                sha,
                d.pdfSha256(),
                d.issuer(),
                d.issuedAt(),
                d.outcome(),
                d.project().projectCode(),
                Seal.fingerprint(d.sealCertificate()),
                sealValid ? "genuine and unaltered" : "matches the record, but the seal does not verify");
    }

    public String sealCertificate() {
        return seal.certificatePem();
    }

    private String render(DecisionDocuments.Doc doc, Outcome outcome) {
        return (outcome == Outcome.SUPPLEMENT_REQUIRED
                        ? DecisionDocuments.Templates.notice(doc)
                        : DecisionDocuments.Templates.decision(doc))
                .render();
    }

    private boolean visible(Decision d) {
        return me.mayAccess(d.project()::concerns);
    }

    private void requireStaff() {
        me.requireStaffFor("the deliberation (decisions reach it through the inbox)");
    }

    private static Map<Long, String> required(ReviewSession s) {
        Map<Long, String> required = new LinkedHashMap<>();
        s.departments().stream()
                .filter(SessionDepartment::required)
                .forEach(d -> required.put(d.departmentId(), d.department().nameZh()));
        return required;
    }

    /** The material versions of a session: those its decision names once issued, else those the project is accepted with now. */
    private String cite(Citation c) {
        return materials.cite(new MaterialReferences.PageRef(c.materialFileId(), c.page(), c.region()));
    }

    /** Opinions as the policy sees them; page references travel inside the condition and problem texts. */
    private List<Ballot> ballots(List<Opinion> signed) {
        List<Ballot> ballots = new ArrayList<>();
        for (Opinion o : signed) {
            List<String> problems = DecisionDocuments.citedProblems(o, this::cite);
            List<Ask> asks = new ArrayList<>();
            for (int i = 0; i < problems.size(); i++) {
                asks.add(new Ask(o.supplementItems().get(i).material(), problems.get(i)));
            }
            ballots.add(new Ballot(
                    o.department().id(),
                    o.department().nameZh(),
                    o.verdict(),
                    DecisionDocuments.citedConditions(o, this::cite),
                    asks));
        }
        return ballots;
    }

    private static String noticeText(Combined c) {
        return c.notice().stream()
                .map(n -> n.material() + (n.problems().isEmpty() ? "" : "（" + String.join("；", n.problems()) + "）"))
                .collect(Collectors.joining("；"));
    }

    private static String shortFingerprint(String certificatePem) {
        return Seal.fingerprint(certificatePem).substring(0, 16).toUpperCase(Locale.ROOT);
    }

    /** SHA-256 of the bytes, lower-case hex: the digest every stored document is kept and checked with. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReviewSession session(long id) {
        return sessions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("session", id));
    }
}
