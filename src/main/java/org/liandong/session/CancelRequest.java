package org.liandong.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.liandong.common.TextLimits;

/** Why a session is cancelled: kept with the session and sent to everyone invited. */
public record CancelRequest(
        @NotBlank @Size(max = TextLimits.CANCEL_REASON) String reason) {}
