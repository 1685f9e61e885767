package org.liandong.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.liandong.common.TextLimits;

/**
 * A session to schedule. The chair is invited automatically; {@code participants} lists everyone
 * else with their role (an official speaks for their own department, which must take part).
 * {@code agenda} may be left out for the default one.
 */
public record SessionRequest(
        @NotNull Long projectId,
        @Size(max = TextLimits.SESSION_TITLE) String title,
        @NotNull Instant startsAt,
        @NotNull @Min(15) @Max(ReviewSession.MAX_MINUTES) Integer durationMinutes,
        @NotNull Long chairId,
        @NotEmpty @Size(max = 30) List<@Valid @NotNull DepartmentChoice> departments,
        @NotEmpty @Size(max = 60) List<@Valid @NotNull ParticipantChoice> participants,
        @Size(max = 30) List<@NotBlank @Size(max = TextLimits.AGENDA_ITEM) String> agenda) {

    public record DepartmentChoice(@NotNull Long departmentId, boolean required) {}

    public record ParticipantChoice(
            @NotNull Long personId, @NotNull SessionRole role) {}
}
