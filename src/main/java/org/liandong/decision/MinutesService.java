package org.liandong.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liandong.account.CurrentUser;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.common.TimeConfig;
import org.liandong.directory.Role;
import org.liandong.document.PadesSigner;
import org.liandong.document.PdfRenderer;
import org.liandong.document.SealedPdfs;
import org.liandong.material.MaterialReferences;
import org.liandong.media.SessionRecordingRepository;
import org.liandong.opinion.Citation;
import org.liandong.opinion.OpinionRepository;
import org.liandong.session.AttendanceService;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionRepository;

/**
 * A session's minutes. They are frozen when the decision is issued: rendered once from the record
 * (attendance with gaps, agenda with start times, recordings with SHA-256, reviewed materials,
 * opinions, outcome), sealed like the decision, stored with the PDF's SHA-256, and from then on
 * served as stored, whatever changes later. A correction is a new version with a reason that
 * supersedes the previous one; nothing is overwritten. Before the decision, a draft is rendered
 * on demand, unsealed and marked as a draft.
 */
@ApplicationScoped
@Transactional
public class MinutesService {

    private final SessionMinutesRepository minutes;
    private final SessionRepository sessions;
    private final DecisionRepository decisions;
    private final AttendanceService attendance;
    private final SessionRecordingRepository recordings;
    private final MaterialReferences materials;
    private final OpinionRepository opinions;
    private final PdfRenderer pdf;
    private final SealedPdfs sealed;
    private final Seal seal;
    private final DecisionConfig config;
    private final TimeConfig time;
    private final CurrentUser me;
    private final Clock clock;
    private final Event<AuditEvent> audit;

    MinutesService(
            SessionMinutesRepository minutes,
            SessionRepository sessions,
            DecisionRepository decisions,
            AttendanceService attendance,
            SessionRecordingRepository recordings,
            MaterialReferences materials,
            OpinionRepository opinions,
            PdfRenderer pdf,
            SealedPdfs sealed,
            Seal seal,
            DecisionConfig config,
            TimeConfig time,
            CurrentUser me,
            Clock clock,
            Event<AuditEvent> audit) {
        this.minutes = minutes;
        this.sessions = sessions;
        this.decisions = decisions;
        this.attendance = attendance;
        this.recordings = recordings;
        this.materials = materials;
        this.opinions = opinions;
        this.pdf = pdf;
        this.sealed = sealed;
        this.seal = seal;
        this.config = config;
        this.time = time;
        this.me = me;
        this.clock = clock;
        this.audit = audit;
    }

    /** Version 1, inside the issuing transaction. Fires no audit event: the decision's covers it. */
    SessionMinutes freeze(ReviewSession s, Decision d, String actor, Instant now) {
        return store(s, d, null, null, actor, now);
    }

    /** A corrected version (chair or coordinator): the record as it is now, with the reason. */
    public MinutesView correct(long sessionId, String reason) {
        ReviewSession s = session(sessionId);
        if (!(me.is(Role.COORDINATOR) || s.chair().id().equals(me.id()))) {
            throw ProblemException.forbidden("only the session's chair or a coordinator corrects its minutes");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("correctionReason", "say what the correction changes and why");
        }
        SessionMinutes current = minutes.findCurrent(sessionId)
                .orElseThrow(() -> ProblemException.conflict(
                        "minutes-not-frozen",
                        "session " + sessionId
                                + " has no frozen minutes yet: they are frozen when the decision is issued"));
        Decision d = decisions.findBySession(sessionId).orElseThrow();
        Instant now = clock.instant();
        SessionMinutes v = store(s, d, current, reason.strip(), me.person().username(), now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", sessionId);
        data.put("version", v.version());
        data.put("supersedes", current.id());
        data.put("pdfSha256", v.pdfSha256());
        data.put("reason", v.correctionReason());
        audit.fire(new AuditEvent(
                "minutes", v.id().toString(), "corrected", me.person().username(), now, data));
        return MinutesView.of(v);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MinutesView> versions(long sessionId) {
        session(sessionId);
        requireStaff();
        return minutes.listVersions(sessionId).stream().map(MinutesView::of).toList();
    }

    /** Every frozen version, oldest first, for the case archive (which checks its own callers). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SessionMinutes> stored(long sessionId) {
        return minutes.listVersions(sessionId);
    }

    /** The frozen minutes as stored, or a draft before the decision. Staff and observers. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String html(long sessionId) {
        ReviewSession s = session(sessionId);
        requireStaff();
        return minutes.findCurrent(sessionId)
                .map(SessionMinutes::html)
                .orElseGet(() -> render(s, null, 0, null, clock.instant()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] pdf(long sessionId) {
        ReviewSession s = session(sessionId);
        requireStaff();
        return minutes.findCurrent(sessionId)
                .map(SessionMinutes::pdf)
                .orElseGet(() -> pdf.render(render(s, null, 0, null, clock.instant())));
    }

    private SessionMinutes store(
            ReviewSession s, Decision d, SessionMinutes superseded, String reason, String actor, Instant now) {
        int version = superseded == null ? 1 : superseded.version() + 1;
        String html = render(s, d, version, reason, now);
        byte[] document = sealed.issue(
                html,
                seal.key(),
                new PadesSigner.Claims(
                        config.issuer(),
                        "会议纪要 " + s.title() + " 第" + version + "版",
                        s.project().county().nameZh(),
                        now),
                config.issuer(),
                config.tsaUrl());
        SessionMinutes m = new SessionMinutes(
                s.id(),
                superseded,
                reason,
                html,
                document,
                DecisionService.sha256(document),
                seal.certificatePem(),
                now,
                actor);
        minutes.persist(m);
        minutes.flush();
        return m;
    }

    private String render(ReviewSession s, Decision d, int version, String reason, Instant now) {
        long id = s.id();
        return DecisionDocuments.Templates.minutes(DecisionDocuments.minutes(
                        config.issuer(),
                        s,
                        attendance.listAttendance(id),
                        recordings.listBySession(id),
                        reviewed(s, d),
                        opinions.listCurrentSigned(id),
                        this::cite,
                        d,
                        now,
                        time.zone(),
                        version,
                        reason))
                .render();
    }

    /** The versions the decision names; before the decision, what is accepted now. */
    private List<MaterialReferences.VersionLine> reviewed(ReviewSession s, Decision d) {
        return d != null
                ? materials.versions(d.materialFileIds())
                : materials.acceptedVersions(s.project().id());
    }

    private String cite(Citation c) {
        return materials.cite(new MaterialReferences.PageRef(c.materialFileId(), c.page(), c.region()));
    }

    private void requireStaff() {
        me.requireStaffFor("the minutes of the deliberation");
    }

    private ReviewSession session(long id) {
        return sessions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("session", id));
    }
}
