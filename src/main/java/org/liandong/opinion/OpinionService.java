package org.liandong.opinion;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liandong.account.CurrentUser;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.directory.Person;
import org.liandong.directory.Role;
import org.liandong.material.MaterialReferences;
import org.liandong.security.PasswordConfirmation;
import org.liandong.session.AttendanceService;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionRepository;

/**
 * Records, signs and corrects department opinions. Only an official of a department taking part
 * in the session, who attended it, may write or sign that department's opinion. Once the session's
 * decision is issued its opinions are closed. Drafts are seen only by their own department.
 */
@ApplicationScoped
@Transactional
public class OpinionService {

    private final OpinionRepository opinions;
    private final SessionRepository sessions;
    private final AttendanceService attendance;
    private final CurrentUser me;
    private final Clock clock;
    private final Event<AuditEvent> audit;
    private final EntityManager em;
    private final MaterialReferences materials;
    private final PasswordConfirmation passwords;

    OpinionService(
            OpinionRepository opinions,
            SessionRepository sessions,
            AttendanceService attendance,
            CurrentUser me,
            Clock clock,
            Event<AuditEvent> audit,
            EntityManager em,
            MaterialReferences materials,
            PasswordConfirmation passwords) {
        this.materials = materials;
        this.opinions = opinions;
        this.sessions = sessions;
        this.attendance = attendance;
        this.me = me;
        this.clock = clock;
        this.audit = audit;
        this.em = em;
        this.passwords = passwords;
    }

    /** A new draft for the caller's department, or new content for its open draft. */
    public OpinionView recordOpinion(long sessionId, OpinionRequest r) {
        ReviewSession s = session(sessionId);
        Person official = requireAuthor(s);
        OpinionContent content = content(s, r);
        long dept = official.department().id();
        List<Opinion> mine = opinions.listBySession(sessionId).stream()
                .filter(o -> o.department().id() == dept)
                .toList();
        if (mine.stream().anyMatch(Opinion::isSigned)) {
            throw ProblemException.conflict(
                    "opinion-signed", "your department's opinion is signed; submit a correction instead");
        }
        Opinion draft = mine.stream()
                .filter(o -> o.status() == OpinionStatus.DRAFT)
                .findFirst()
                .orElse(null);
        if (draft == null) {
            draft = new Opinion(sessionId, official, content, clock.instant());
            opinions.persist(draft);
        } else {
            draft.edit(official, content);
        }
        opinions.flush();
        fire(draft, "drafted");
        return OpinionView.of(draft);
    }

    public OpinionView editDraft(long opinionId, OpinionRequest r) {
        Opinion o = opinion(opinionId);
        Person official = requireAuthorFor(o);
        o.edit(official, content(session(o.sessionId()), r));
        opinions.flush();
        fire(o, "edited");
        return OpinionView.of(o);
    }

    /** Signs after re-checking the signer's password; the opinion is frozen from here on. */
    public OpinionView sign(long opinionId, String password) {
        Opinion o = opinion(opinionId);
        Person official = requireAuthorFor(o);
        passwords.confirm(official.username(), official.passwordHash, password, "password");
        o.sign(official, clock.instant());
        ReviewSession s = session(o.sessionId());
        s.project()
                .record(
                        clock.instant(),
                        "opinion-signed",
                        official.username(),
                        o.department().nameZh() + "：" + o.verdict().zh()
                                + (o.revision() > 1 ? "（第" + o.revision() + "版更正）" : ""));
        opinions.flush();
        fire(o, "signed");
        return OpinionView.of(o);
    }

    /** A new draft revision superseding the signed one, with the reason. */
    public OpinionView correct(long opinionId, OpinionRequest r) {
        Opinion signed = opinion(opinionId);
        Person official = requireAuthorFor(signed);
        if (r.correctionReason() == null || r.correctionReason().isBlank()) {
            throw ProblemException.invalid("correctionReason", "say what is corrected and why");
        }
        if (opinions.lastRevision(signed.sessionId(), signed.department().id()) != signed.revision()) {
            throw ProblemException.conflict("correction-pending", "a newer revision of this opinion already exists");
        }
        Opinion correction = signed.correct(
                official, r.correctionReason().strip(), content(session(signed.sessionId()), r), clock.instant());
        opinions.persist(correction);
        opinions.flush();
        fire(correction, "correction-drafted");
        return OpinionView.of(correction);
    }

    /** The request's content, its page references checked against the versions the session's project is accepted with and their pages. */
    private OpinionContent content(ReviewSession s, OpinionRequest r) {
        OpinionContent c = OpinionContent.of(r);
        for (int i = 0; i < c.citations().size(); i++) {
            Citation cited = c.citations().get(i);
            materials.requireCitable(s.project().id(), cited.materialFileId(), cited.page(), "citations[" + i + "]");
        }
        return c;
    }

    /** Every revision in the session the caller may see: signed and superseded ones, and their own department's drafts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OpinionView> listOpinions(long sessionId) {
        session(sessionId);
        me.requireStaffFor("department opinions before the decision");
        Long myDept = me.person().department() == null
                ? null
                : me.person().department().id();
        return opinions.listBySession(sessionId).stream()
                .filter(o ->
                        o.status() != OpinionStatus.DRAFT || o.department().id().equals(myDept))
                .map(OpinionView::of)
                .toList();
    }

    private Person requireAuthorFor(Opinion o) {
        ReviewSession s = session(o.sessionId());
        Person official = requireAuthor(s);
        if (!official.department().id().equals(o.department().id())) {
            throw ProblemException.forbidden("you sign only for your own department, not for "
                    + o.department().nameZh());
        }
        return official;
    }

    /** The caller: an official of a department taking part, who attended, while no decision is issued. */
    private Person requireAuthor(ReviewSession s) {
        Person p = me.person();
        if (!p.hasRole(Role.OFFICIAL) || p.department() == null) {
            throw ProblemException.forbidden("only a department official records opinions");
        }
        if (s.department(p.department().id()).isEmpty()) {
            throw ProblemException.forbidden(p.department().nameZh() + " does not take part in session " + s.id());
        }
        if (!attendance.hasAttended(s.id(), p.id())) {
            throw ProblemException.forbidden(
                    "only an official who attended session " + s.id() + " may record its opinion");
        }
        // Read directly rather than through decision/: opinions must not depend on the package that depends on them.
        Number issued = (Number) em.createNativeQuery("select count(*) from decision where session_id = ?1")
                .setParameter(1, s.id())
                .getSingleResult();
        if (issued.longValue() > 0) {
            throw ProblemException.conflict(
                    "decision-issued", "the decision of session " + s.id() + " is issued; its opinions are closed");
        }
        return p;
    }

    private ReviewSession session(long id) {
        return sessions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("session", id));
    }

    private Opinion opinion(long id) {
        return opinions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("opinion", id));
    }

    private void fire(Opinion o, String action) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", o.sessionId());
        data.put("department", o.department().code());
        data.put("revision", o.revision());
        data.put("verdict", o.verdict().name());
        data.put("status", o.status().name());
        if (o.contentHash() != null) {
            data.put("contentHash", o.contentHash());
        }
        if (o.supersedes() != null) {
            data.put("supersedes", o.supersedes().id());
            data.put("reason", o.correctionReason());
        }
        audit.fire(
                new AuditEvent("opinion", o.id().toString(), action, me.person().username(), clock.instant(), data));
    }
}
