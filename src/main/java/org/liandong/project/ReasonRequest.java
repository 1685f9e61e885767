package org.liandong.project;

import jakarta.validation.constraints.Size;

/** Optional free text that goes with a lifecycle action (required where the action says so). */
public record ReasonRequest(
        @Size(max = org.liandong.common.TextLimits.PROJECT_REASON)
        String reason) {}
