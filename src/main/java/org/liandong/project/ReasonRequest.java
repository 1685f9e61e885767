package org.liandong.project;

import jakarta.validation.constraints.Size;

/** Optional free text that goes with a lifecycle action (required where the action says so). */
public record ReasonRequest(@Size(max = 2000) String reason) {
}
