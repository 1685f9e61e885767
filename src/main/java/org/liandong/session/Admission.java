package org.liandong.session;

import java.time.Instant;

/**
 * Who may enter a session's room and as what: the result of checking a join token or a signed-in
 * invited person. {@code department*} is set for the chair and officials, null for everyone else.
 * The room is open to this person from {@code validFrom} (shortly before the start) until
 * {@code validUntil} (the scheduled end plus the allowed overrun).
 */
public record Admission(
        long sessionId,
        long personId,
        String username,
        String displayName,
        SessionRole role,
        Long departmentId,
        String departmentCode,
        String departmentNameZh,
        String departmentNameEn,
        Instant validFrom,
        Instant validUntil) {}
