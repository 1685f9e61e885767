package org.liandong.session;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;
import org.liandong.common.ProblemException;
import org.liandong.directory.PersonRepository;

/**
 * Personal join links: an HS256-signed JWT naming one person ({@code sub}), one session
 * ({@code sid}) and the one invitation it was issued under ({@code inv}, the invitation's id). It
 * admits its holder from {@link SessionConfig#joinLead()} before the session's <em>current</em>
 * start until its current end plus {@link SessionConfig#endGrace()}, so a link survives a
 * reschedule; the {@code nbf}/{@code exp} claims record the window at issue time. It stops working
 * for good when its invitation is withdrawn: a new invitation of the same person is a new instance
 * with a new id, so the old link stays dead (issue 16). It stops at once, too, when the session is
 * cancelled or concluded, and for an official or observer the chair removed: every check reads
 * the session's admission snapshot ({@link SessionAdmissions}), which those changes drop. Each refusal is a {@link ProblemException} whose type is one of the
 * {@code TYPE_*} constants.
 */
@ApplicationScoped
public class JoinTokenService {

    public static final String TYPE_BAD_SIGNATURE = "join-token-invalid";
    public static final String TYPE_EXPIRED = "join-token-expired";
    public static final String TYPE_NOT_YET_VALID = "join-token-not-yet-valid";
    public static final String TYPE_FOREIGN_SESSION = "join-token-foreign-session";
    public static final String TYPE_INVITATION_WITHDRAWN = "invitation-withdrawn";
    public static final String TYPE_REMOVED = "removed-from-session";

    private static final String ISSUER = "liandong";

    private final SessionRepository sessions;
    private final PersonRepository people;
    private final SessionAdmissions admissions;
    private final SessionConfig config;
    private final Clock clock;
    private final SecretKey key;

    JoinTokenService(
            SessionRepository sessions,
            PersonRepository people,
            SessionAdmissions admissions,
            SessionConfig config,
            Clock clock) {
        this.sessions = sessions;
        this.people = people;
        this.admissions = admissions;
        this.config = config;
        this.clock = clock;
        this.key = new SecretKeySpec(secret(config), "HmacSHA256");
    }

    /** A join token for an invited person; refused (409) for a person without an active invitation. */
    @Transactional
    public String issue(long sessionId, long personId) {
        ReviewSession s =
                sessions.findByIdOptional(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
        Invitation invitation = s.invitationOf(personId)
                .orElseThrow(() -> ProblemException.conflict(
                        "not-invited", "person " + personId + " is not invited to session " + sessionId));
        if (invitation.id() == null) {
            sessions.flush(); // the token names the invitation instance: it needs its id
        }
        return Jwt.issuer(ISSUER)
                .subject(Long.toString(personId))
                .claim("sid", sessionId)
                .claim("inv", invitation.id())
                .issuedAt(clock.instant())
                .claim("nbf", s.admitsFrom(config.joinLead()).getEpochSecond())
                .expiresAt(s.closesAt(config.endGrace()))
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .sign(key);
    }

    /** The personal join link carrying {@code token}, as put into invitations. */
    public String joinUrl(long sessionId, String token) {
        String base = config.publicUrl().endsWith("/")
                ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
        return base
                + config.joinPath()
                        .replace("{session}", Long.toString(sessionId))
                        .replace("{token}", token);
    }

    /**
     * Checks a token for entering {@code sessionId} now, and says who it admits. Reads the session
     * through {@link SessionAdmissions} (cached per session), not on every join.
     */
    public Admission verify(String token, long sessionId) {
        JwtClaims claims = claims(token);
        long tokenSession;
        long personId;
        long invitationId;
        try {
            tokenSession = claims.getClaimValue("sid", Long.class);
            personId = Long.parseLong(claims.getSubject());
            invitationId = claims.getClaimValue("inv", Long.class);
        } catch (MalformedClaimException | RuntimeException e) {
            throw refusal(401, TYPE_BAD_SIGNATURE, "the join link is not a Liandong join link");
        }
        if (tokenSession != sessionId) {
            throw refusal(403, TYPE_FOREIGN_SESSION, "this join link is for another session");
        }
        SessionAdmissions.Snapshot s = admissions.of(sessionId);
        Admission a = s.admission(personId)
                .filter(x -> s.invited().get(personId).invitationId() == invitationId)
                .orElseThrow(() ->
                        refusal(403, TYPE_INVITATION_WITHDRAWN, "the invitation behind this join link was withdrawn"));
        return mayEnterNow(s, a);
    }

    /**
     * Who may enter {@code sessionId} changed and committed (here, or on another node whose room
     * command just arrived): the next join reads the session again instead of the cached snapshot.
     */
    public void admissionChanged(long sessionId) {
        admissions.forget(sessionId);
    }

    /**
     * The signed-in person's admission to the room now: the same checks as {@link #verify} for a
     * person holding an active invitation.
     */
    @Transactional
    public Optional<Admission> admitSignedIn(long sessionId, String username) {
        return people.findByUsername(username).flatMap(p -> {
            SessionAdmissions.Snapshot s;
            try {
                s = admissions.of(sessionId);
            } catch (ProblemException notFound) {
                return Optional.empty();
            }
            return s.admission(p.id()).map(a -> mayEnterNow(s, a));
        });
    }

    /** Over (concluded, or past its end plus grace), not yet open, or removed by the chair. */
    private Admission mayEnterNow(SessionAdmissions.Snapshot s, Admission a) {
        Instant now = clock.instant();
        if (s.status() == SessionStatus.CONCLUDED || !now.isBefore(a.validUntil())) {
            throw refusal(401, TYPE_EXPIRED, "this join link expired when the session ended at " + a.validUntil());
        }
        if (now.isBefore(a.validFrom())) {
            throw refusal(403, TYPE_NOT_YET_VALID, "this join link opens at " + a.validFrom());
        }
        if (!a.role().isParty() && s.removed().contains(a.personId())) {
            throw refusal(403, TYPE_REMOVED, "the chair removed you from this session");
        }
        return a;
    }

    /**
     * What a signed-in person is admitted as, if they hold an active invitation to a session that
     * is not cancelled. Does not check the time window: the room uses {@link #admitSignedIn}.
     */
    @Transactional
    public Optional<Admission> admissionFor(long sessionId, String username) {
        return people.findByUsername(username)
                .flatMap(p -> sessions.findByIdOptional(sessionId).flatMap(s -> admission(s, p.id())));
    }

    private Optional<Admission> admission(ReviewSession s, long personId) {
        if (s.status() == SessionStatus.CANCELLED) {
            return Optional.empty();
        }
        return s.invitationOf(personId)
                .map(i -> SessionAdmissions.admission(
                        s, i, s.admitsFrom(config.joinLead()), s.closesAt(config.endGrace())));
    }

    private JwtClaims claims(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256));
            jws.setCompactSerialization(token == null ? "" : token.trim());
            jws.setKey(key);
            if (!jws.verifySignature()) {
                throw refusal(401, TYPE_BAD_SIGNATURE, "the join link's signature is not valid");
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            if (!ISSUER.equals(claims.getIssuer())) {
                throw refusal(401, TYPE_BAD_SIGNATURE, "the join link was not issued by Liandong");
            }
            return claims;
        } catch (JoseException | InvalidJwtException | MalformedClaimException e) {
            throw refusal(401, TYPE_BAD_SIGNATURE, "the join link is damaged or its signature is not valid");
        }
    }

    private static ProblemException refusal(int status, String type, String detail) {
        return new ProblemException(status, type, status == 401 ? "Unauthorized" : "Forbidden", detail, null, null);
    }

    private static byte[] secret(SessionConfig config) {
        // Generated and kept under the data dir in the demo; required in production (security/SecretsPolicy).
        byte[] s = config.joinTokenSecret()
                .orElseThrow(() -> new IllegalStateException("liandong.sessions.join-token-secret is not set"))
                .getBytes(StandardCharsets.UTF_8);
        if (s.length < 32) {
            throw new IllegalStateException("liandong.sessions.join-token-secret must be at least 32 characters");
        }
        return s;
    }
}
