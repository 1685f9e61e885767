package org.liandong.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One link of the audit chain. Written once by {@link AuditLog} and never changed: the entity is
 * {@link Immutable} and has no mutators. {@code seq} numbers the chain from 1 without gaps, so a
 * deleted row shows up as a gap and an edited one as a hash that no longer matches.
 */
@Entity
@Table(name = "audit_entry")
@Immutable
public class AuditEntry {

    @Id
    private long seq;

    private Instant at;

    @Column(name = "entity_type")
    private String entityType;

    @Column(name = "entity_id")
    private String entityId;

    private String action;
    private String actor;
    /** The event's facts as JSON with sorted keys, hashed exactly as stored. */
    private String data;

    @Column(name = "prev_hash")
    private String prevHash;

    private String hash;

    protected AuditEntry() {}

    AuditEntry(
            long seq,
            Instant at,
            String entityType,
            String entityId,
            String action,
            String actor,
            String data,
            String prevHash) {
        this.seq = seq;
        this.at = at;
        this.entityType = entityType;
        this.entityId = entityId;
        this.action = action;
        this.actor = actor;
        this.data = data;
        this.prevHash = prevHash;
        this.hash = computeHash();
    }

    /** SHA-256 over the previous hash and every field, each length-prefixed so that no two entries collide by concatenation. */
    String computeHash() {
        return AuditHashes.sha256Hex(
                prevHash, Long.toString(seq), at.toString(), entityType, entityId, action, actor, data);
    }

    public long seq() {
        return seq;
    }

    public Instant at() {
        return at;
    }

    public String entityType() {
        return entityType;
    }

    public String entityId() {
        return entityId;
    }

    public String action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public String data() {
        return data;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
