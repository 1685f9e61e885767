package org.liandong.session;

import jakarta.validation.constraints.NotNull;

/** Invites one more person to a planned session. */
public record ParticipantRequest(
        @NotNull Long personId, @NotNull SessionRole role) {}
