package org.liandong.opinion;

import static org.liandong.common.TextLimits.CONDITION;
import static org.liandong.common.TextLimits.CORRECTION_REASON;
import static org.liandong.common.TextLimits.LEGAL_BASIS;
import static org.liandong.common.TextLimits.OPINION_REASONS;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A draft opinion or its new content. {@code correctionReason} is required only for a correction;
 * {@code citations} optionally cite material pages on conditions and supplement items.
 */
public record OpinionRequest(
        Verdict verdict,
        @Size(max = OPINION_REASONS) String reasons,
        @Size(max = 50) List<@Size(max = CONDITION) String> conditions,
        @Size(max = 100) List<OpinionContent.@Valid @NotNull Item> supplementItems,
        @Size(max = LEGAL_BASIS) String legalBasis,
        @Size(max = 100) List<Citation> citations,
        @Size(max = CORRECTION_REASON) String correctionReason) {}
