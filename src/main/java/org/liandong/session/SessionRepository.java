package org.liandong.session;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class SessionRepository implements PanacheRepository<ReviewSession> {

    private static final List<SessionStatus> ACTIVE =
            List.of(SessionStatus.SCHEDULED, SessionStatus.OPEN, SessionStatus.IN_PROGRESS);

    /**
     * Active invitations of any of {@code personIds} to active sessions overlapping [start, end),
     * other than session {@code exceptId}: the people who would be double-booked. One query for the
     * whole set of people. Its cost does not grow with how many sessions the people have had: an
     * overlapping session starts after {@code start} minus the longest session
     * ({@link ReviewSession#MAX_MINUTES}), so the sessions are found by the time index
     * ({@code review_session_time}, one window of a day at most) and their invitations by
     * {@code session_invitation_session_person}.
     */
    public List<Invitation> overlappingInvitations(
            Collection<Long> personIds, Instant start, Instant end, Long exceptId) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager()
                .createQuery("""
                        select i from Invitation i join fetch i.session s
                        where i.person.id in :people and i.withdrawnAt is null and s.status in :active
                          and s.startsAt < :end and s.startsAt > :earliest and s.endsAt > :start
                          and s.id <> :except
                        order by s.startsAt""", Invitation.class)
                .setParameter("earliest", start.minus(java.time.Duration.ofMinutes(ReviewSession.MAX_MINUTES)))
                .setParameter("people", personIds)
                .setParameter("active", ACTIVE)
                .setParameter("start", start)
                .setParameter("end", end)
                .setParameter("except", exceptId == null ? -1L : exceptId)
                .getResultList();
    }

    /**
     * Locks the person rows of everyone about to be booked, in ascending id order (so two bookings
     * naming the same people in a different order cannot deadlock), until the transaction ends.
     * The double-booking check that follows is then the only one running for these people on any
     * node: a second booking waits here, and once the first commits its busy check sees it.
     */
    public void lockPeople(Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        getEntityManager()
                .createNativeQuery("select id from person where id in (:ids) order by id for update")
                .setParameter("ids", new java.util.TreeSet<>(personIds))
                .getResultList();
    }

    /** A session locked (SELECT … FOR UPDATE) for a change that checks its own state first, e.g. invitations. */
    public java.util.Optional<ReviewSession> findForUpdate(long id) {
        return findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** Sessions filtered by time range, project and invited person; ordered by start. */
    public List<ReviewSession> search(Instant from, Instant to, Long projectId, Long personId, int limit) {
        StringBuilder q = new StringBuilder("select distinct s from ReviewSession s");
        Map<String, Object> p = new HashMap<>();
        if (personId != null) {
            q.append(" join s.invitations i");
        }
        q.append(" where 1 = 1");
        if (personId != null) {
            q.append(" and i.person.id = :person and i.withdrawnAt is null");
            p.put("person", personId);
        }
        if (from != null) {
            q.append(" and s.endsAt > :from");
            p.put("from", from);
        }
        if (to != null) {
            q.append(" and s.startsAt < :to");
            p.put("to", to);
        }
        if (projectId != null) {
            q.append(" and s.project.id = :project");
            p.put("project", projectId);
        }
        var query = getEntityManager().createQuery(q + " order by s.startsAt, s.id", ReviewSession.class);
        p.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }
}
