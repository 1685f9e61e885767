package org.liandong.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liandong.common.AuditEvent;

/**
 * The append-only, hash-chained audit log. It observes every {@link AuditEvent} synchronously,
 * inside the firing transaction, so a state change and its entry commit or roll back together.
 * Appends serialise on the {@link AuditHead} row lock; {@link #verify()} walks the whole chain and
 * compares its end with the {@link AuditCheckpoint} kept outside the database.
 */
@ApplicationScoped
public class AuditLog {

    private static final int BATCH = 500;
    private static final Object LAST_APPENDED = new Object();

    private final EntityManager em;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final AuditCheckpoint checkpoint;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .build();

    AuditLog(
            EntityManager em,
            Clock clock,
            TransactionSynchronizationRegistry transactions,
            AuditCheckpoint checkpoint) {
        this.em = em;
        this.clock = clock;
        this.transactions = transactions;
        this.checkpoint = checkpoint;
    }

    @Transactional
    void on(@Observes AuditEvent event) {
        append(event);
    }

    /** Appends one entry at the tip of the chain. Joins the caller's transaction (or starts one). */
    @Transactional
    public AuditEntry append(AuditEvent e) {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        // Microseconds: what both databases store, so the hash of the stored value is the hash computed here.
        Instant at = (e.at() == null ? clock.instant() : e.at()).truncatedTo(ChronoUnit.MICROS);
        AuditEntry entry = new AuditEntry(
                head.lastSeq() + 1,
                at,
                e.entityType(),
                e.entityId(),
                e.action(),
                e.actor() == null ? "system" : e.actor(),
                toJson(e.data()),
                head.lastHash());
        em.persist(entry);
        head.advance(entry);
        checkpointAfterCommit(entry);
        return entry;
    }

    /**
     * Once per transaction: after it commits, and before the commit returns to whoever will
     * answer the client, the checkpoint moves to the last entry the transaction appended.
     */
    private void checkpointAfterCommit(AuditEntry entry) {
        AuditEntry[] last = (AuditEntry[]) transactions.getResource(LAST_APPENDED);
        if (last != null) {
            last[0] = entry;
            return;
        }
        AuditEntry[] holder = {entry};
        transactions.putResource(LAST_APPENDED, holder);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to add to the transaction
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    checkpoint.advance(holder[0].seq(), holder[0].hash());
                }
            }
        });
    }

    /**
     * Walks the chain from the first entry: every entry must follow its predecessor without a gap,
     * name its predecessor's hash and hash to what it says; the head must point at the last entry.
     * Reports the first link that fails.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW) // own read transaction: it clears its persistence context
    public ChainReport verify() {
        String expectedPrev = AuditHashes.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AuditEntry> batch = em.createQuery("from AuditEntry where seq >= :from order by seq", AuditEntry.class)
                    .setParameter("from", expectedSeq)
                    .setMaxResults(BATCH)
                    .getResultList();
            for (AuditEntry entry : batch) {
                if (entry.seq() != expectedSeq) {
                    return ChainReport.broken(checked, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!entry.prevHash().equals(expectedPrev)) {
                    return ChainReport.broken(
                            checked, entry.seq(), "does not link to the hash of entry " + (entry.seq() - 1));
                }
                if (!entry.computeHash().equals(entry.hash())) {
                    return ChainReport.broken(checked, entry.seq(), "its content does not match its hash (altered)");
                }
                expectedPrev = entry.hash();
                expectedSeq++;
                checked++;
            }
            em.clear(); // the chain can be long; keep the persistence context small
            if (batch.size() < BATCH) {
                break;
            }
        }
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        if (head.lastSeq() != checked || !head.lastHash().equals(expectedPrev)) {
            return ChainReport.broken(
                    checked,
                    checked + 1,
                    "the head names entry " + head.lastSeq() + " but the chain ends at entry " + checked
                            + " (entries removed from the end?)");
        }
        Optional<AuditCheckpoint.Checkpoint> anchor = checkpoint.read();
        if (anchor.isEmpty()) {
            return ChainReport.intact(checked, expectedPrev, null);
        }
        AuditCheckpoint.Checkpoint cp = anchor.get();
        if (!cp.signatureValid()) {
            return ChainReport.broken(
                    checked, cp.seq(), "the checkpoint file's signature is not valid (altered, or another key)");
        }
        if (cp.seq() > checked) {
            return ChainReport.broken(
                    checked,
                    checked + 1,
                    "truncated: the checkpoint kept outside the database records entry " + cp.seq()
                            + ", but the chain ends at entry " + checked);
        }
        if (cp.seq() > 0 && !cp.hash().equals(hashAt(cp.seq()))) {
            return ChainReport.broken(
                    checked, cp.seq(), "entry " + cp.seq() + " differs from the checkpoint (the chain was rewritten)");
        }
        return ChainReport.intact(checked, expectedPrev, cp.seq());
    }

    private String hashAt(long seq) {
        AuditEntry e = em.find(AuditEntry.class, seq);
        return e == null ? "" : e.hash();
    }

    /** The entries about one entity, oldest first. */
    @Transactional
    public List<AuditEntry> history(String entityType, String entityId) {
        return em.createQuery("from AuditEntry where entityType = :t and entityId = :i order by seq", AuditEntry.class)
                .setParameter("t", entityType)
                .setParameter("i", entityId)
                .getResultList();
    }

    private String toJson(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data == null ? Map.of() : data);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit data must be plain JSON values", ex);
        }
    }
}
