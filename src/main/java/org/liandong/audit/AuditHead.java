package org.liandong.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The tip of the chain: one row, locked (SELECT … FOR UPDATE) by every append so that concurrent
 * transactions on any node extend the chain one after the other. The lock is held until the
 * appending transaction ends, which is why services fire their audit events last.
 */
@Entity
@Table(name = "audit_head")
class AuditHead {

    static final int ID = 1;

    @Id
    private int id;

    @Column(name = "last_seq")
    private long lastSeq;

    @Column(name = "last_hash")
    private String lastHash;

    protected AuditHead() {}

    long lastSeq() {
        return lastSeq;
    }

    String lastHash() {
        return lastHash;
    }

    void advance(AuditEntry entry) {
        this.lastSeq = entry.seq();
        this.lastHash = entry.hash();
    }
}
