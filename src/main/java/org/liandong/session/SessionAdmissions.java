package org.liandong.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.directory.Department;
import org.liandong.directory.Person;

/**
 * What a join needs to know about a session, read once per session instead of once per join
 * (issue 14: loading the session, its invitations and removals was most of a join's CPU): status,
 * the admission window, each active invitation with the admission it gives, and who the chair
 * removed.
 *
 * <p>Kept current by the events that change it, after their transaction completes: every session
 * audit event (scheduled, rescheduled, invited, invitation-withdrawn, cancelled, opened, started,
 * concluded, ...), {@link InvitationWithdrawn} and {@link AdmissionChanged} (a removal). A load that
 * overlapped such an event is not kept. Changes made on another node, and directory edits (a
 * person's name), are not announced here: an entry is read again after
 * {@code liandong.sessions.admission-cache-ttl} (5 s; zero turns the cache off), which bounds how
 * long another node can go on admitting a link whose invitation was just withdrawn.
 */
@ApplicationScoped
public class SessionAdmissions {

    /** One active invitation: the id a join token must name, and what it admits as. */
    record Invited(long invitationId, Admission admission) {}

    /** A session as admission sees it. */
    record Snapshot(
            long sessionId,
            SessionStatus status,
            Instant admitsFrom,
            Instant closesAt,
            Map<Long, Invited> invited,
            Set<Long> removed) {

        Optional<Admission> admission(long personId) {
            if (status == SessionStatus.CANCELLED) {
                return Optional.empty();
            }
            return Optional.ofNullable(invited.get(personId)).map(Invited::admission);
        }
    }

    /** A change to who may enter a session that no audit event announces (a removal by the chair). */
    public record AdmissionChanged(long sessionId) {}

    private final SessionRepository sessions;
    private final SessionRemovalRepository removals;
    private final SessionConfig config;
    private final Clock clock;
    /** Caffeine, as LoginThrottle: entries expire a TTL after they were read, timed by the service clock. */
    private final Cache<Long, Snapshot> cache;
    /** Bumped by every change: a load that began before it is not kept. */
    private final AtomicLong changes = new AtomicLong();

    SessionAdmissions(
            SessionRepository sessions, SessionRemovalRepository removals, SessionConfig config, Clock clock) {
        this.sessions = sessions;
        this.removals = removals;
        this.config = config;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.admissionCacheTtl())
                .maximumSize(10_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * The session's admission snapshot, from the cache or read now (in a transaction of its own).
     *
     * @throws ProblemException 404 if there is no such session
     */
    Snapshot of(long sessionId) {
        Snapshot s = cache.getIfPresent(sessionId);
        if (s != null) {
            return s;
        }
        long before = changes.get();
        Snapshot read = QuarkusTransaction.joiningExisting().call(() -> read(sessionId));
        if (!config.admissionCacheTtl().isZero() && changes.get() == before) {
            cache.put(sessionId, read);
            // A change whose forget ran between the check and the put removed nothing: take it out.
            if (changes.get() != before) {
                cache.asMap().remove(sessionId, read);
            }
        }
        return read;
    }

    private Snapshot read(long sessionId) {
        ReviewSession s =
                sessions.findByIdOptional(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
        Instant from = s.admitsFrom(config.joinLead());
        Instant until = s.closesAt(config.endGrace());
        Map<Long, Invited> invited = s.activeInvitations().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Invitation::personId, i -> new Invited(i.id(), admission(s, i, from, until))));
        return new Snapshot(sessionId, s.status(), from, until, invited, Set.copyOf(removals.personIds(sessionId)));
    }

    /** What an active invitation admits its person as, inside the window {@code from} to {@code until}. */
    static Admission admission(ReviewSession s, Invitation i, Instant from, Instant until) {
        Person p = i.person();
        Department d = i.department();
        return new Admission(
                s.id(),
                p.id(),
                p.username(),
                p.displayName(),
                i.role(),
                d == null ? null : d.id(),
                d == null ? null : d.code(),
                d == null ? null : d.nameZh(),
                d == null ? null : d.nameEn(),
                from,
                until);
    }

    /** Forgets one session's snapshot; the next join reads it again. */
    void forget(long sessionId) {
        changes.incrementAndGet();
        cache.invalidate(sessionId);
    }

    void onSessionEvent(@Observes(during = TransactionPhase.AFTER_COMPLETION) AuditEvent event) {
        if ("session".equals(event.entityType())) {
            try {
                forget(Long.parseLong(event.entityId()));
            } catch (NumberFormatException e) {
                forgetAll();
            }
        }
    }

    void onWithdrawn(@Observes(during = TransactionPhase.AFTER_COMPLETION) InvitationWithdrawn withdrawn) {
        forget(withdrawn.sessionId());
    }

    void onChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) AdmissionChanged changed) {
        forget(changed.sessionId());
    }

    private void forgetAll() {
        changes.incrementAndGet();
        cache.invalidateAll();
    }
}
