package org.liandong.project;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A visit to log: when (UTC instant), why, and a note (required for OTHER). */
public record VisitRequest(
        @NotNull Instant visitedAt,
        @NotNull VisitPurpose purpose,
        @Size(max = 500) String note) {}
