package org.liandong.audit;

import java.time.Instant;

public record AuditEntryView(
        long seq,
        Instant at,
        String entityType,
        String entityId,
        String action,
        String actor,
        String data,
        String hash) {

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(
                e.seq(), e.at(), e.entityType(), e.entityId(), e.action(), e.actor(), e.data(), e.hash());
    }
}
