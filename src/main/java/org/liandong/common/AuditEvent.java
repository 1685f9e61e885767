package org.liandong.common;

import java.time.Instant;
import java.util.Map;

/**
 * A state change worth keeping in the audit trail. Services fire it with CDI
 * ({@code Event<AuditEvent>}) inside their transaction; the audit log observes it synchronously
 * and appends a hash-chained entry, so the change and its audit entry commit or roll back together.
 *
 * @param entityType e.g. {@code project}, {@code session}, {@code opinion}, {@code decision}
 * @param entityId   the entity's id as text
 * @param action     what happened, e.g. {@code accepted}, {@code signed}
 * @param actor      username of who did it, or {@code system}
 * @param data       small facts worth keeping (new status, reason, number); serialised as JSON
 */
public record AuditEvent(
        String entityType, String entityId, String action, String actor, Instant at, Map<String, Object> data) {}
