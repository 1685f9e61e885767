package org.liandong.session;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A new slot for a planned session, and why it moves (kept in the history and sent to everyone). */
public record RescheduleRequest(
        @NotNull Instant startsAt,
        @NotNull @Min(15) @Max(ReviewSession.MAX_MINUTES) Integer durationMinutes,

        @NotBlank @Size(max = org.liandong.common.TextLimits.RESCHEDULE_REASON)
        String reason) {}
