package org.liandong.material;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.liandong.project.MaterialStatus;

/**
 * The coordinator's review of one checklist item.
 *
 * @param status {@code ACCEPTED} (needs {@code fileId}: a version of this item, or one accepted for the
 *               same enterprise on another project), {@code NEEDS_CORRECTION} (needs {@code reason};
 *               {@code fileId} optionally names the version found wanting), or {@code NOT_APPLICABLE},
 *               {@code PROVIDED}, {@code MISSING}
 * @param reason what is wrong, printed in the one correction notice ({@code note} is accepted as an older name)
 */
public record MaterialReviewRequest(
        @NotNull MaterialStatus status,
        Long fileId,

        @JsonAlias("note") @Size(max = org.liandong.common.TextLimits.MATERIAL_NOTE)
        String reason) {}
