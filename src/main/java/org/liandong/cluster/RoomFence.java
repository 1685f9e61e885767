package org.liandong.cluster;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.liandong.common.ProblemException;

/**
 * The PostgreSQL side of a room lease's epoch: table {@code room_epoch} keeps the highest epoch that
 * wrote for each session. A room write first raises it to its own epoch in the same transaction
 * ({@code update ... where epoch <= mine}, which also row-locks it until commit); a write whose epoch
 * is lower than one already seen is refused, so an owner that was paused past its lease (SIGSTOP, a
 * long GC) cannot write after the takeover. Epoch 0 is the single node: no fencing.
 */
@ApplicationScoped
public class RoomFence {

    private final EntityManager em;

    RoomFence(EntityManager em) {
        this.em = em;
    }

    /** A newer owner wrote for this session: this node's room is stale. Answered as 409. */
    public static final class StaleOwner extends ProblemException {
        StaleOwner(long sessionId, long epoch) {
            super(
                    409,
                    "stale-room-owner",
                    "Stale room owner",
                    "room " + sessionId + ": epoch " + epoch + " was superseded by a newer owner",
                    null,
                    null);
        }
    }

    /**
     * Records that {@code epoch} now owns the session's room, in its own transaction, before the room
     * writes anything (so that writes only ever update the row).
     *
     * @throws StaleOwner when a newer epoch already wrote
     */
    public void advance(long sessionId, long epoch) {
        if (epoch == 0) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (!raise(sessionId, epoch)) {
                        if (current(sessionId) != null) {
                            throw new StaleOwner(sessionId, epoch);
                        }
                        em.createNativeQuery("insert into room_epoch (session_id, epoch) values (?1, ?2)")
                                .setParameter(1, sessionId)
                                .setParameter(2, epoch)
                                .executeUpdate();
                    }
                });
                return;
            } catch (StaleOwner e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt > 0) {
                    throw e; // not an insert race: a real failure
                }
            }
        }
    }

    /**
     * Inside the caller's transaction: refuses the write unless {@code epoch} is still the newest.
     *
     * @throws StaleOwner when a newer owner wrote
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(long sessionId, long epoch) {
        if (epoch != 0 && !raise(sessionId, epoch)) {
            throw new StaleOwner(sessionId, epoch);
        }
    }

    /** Like {@link #check} but answers instead of throwing (for batches over several rooms). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean holds(long sessionId, long epoch) {
        return epoch == 0 || raise(sessionId, epoch);
    }

    private boolean raise(long sessionId, long epoch) {
        return em.createNativeQuery("update room_epoch set epoch = ?2 where session_id = ?1 and epoch <= ?2")
                        .setParameter(1, sessionId)
                        .setParameter(2, epoch)
                        .executeUpdate()
                == 1;
    }

    /** The highest epoch that wrote for the session, 0 if none. */
    public long highest(long sessionId) {
        Long c = QuarkusTransaction.requiringNew().call(() -> current(sessionId));
        return c == null ? 0 : c;
    }

    private Long current(long sessionId) {
        List<?> r = em.createNativeQuery("select epoch from room_epoch where session_id = ?1")
                .setParameter(1, sessionId)
                .getResultList();
        return r.isEmpty() ? null : ((Number) r.get(0)).longValue();
    }
}
