package org.liandong.opinion;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A draft opinion or its new content. {@code correctionReason} is required only for a correction;
 * {@code citations} optionally cite material pages on conditions and supplement items.
 */
public record OpinionRequest(Verdict verdict,
                             @Size(max = 4000) String reasons,
                             @Size(max = 50) List<@Size(max = 1000) String> conditions,
                             @Size(max = 100) List<OpinionContent.Item> supplementItems,
                             @Size(max = 2000) String legalBasis,
                             @Size(max = 100) List<Citation> citations,
                             @Size(max = 1000) String correctionReason) {
}
