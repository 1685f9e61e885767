package org.liandong.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The whole new agenda, in order. */
public record AgendaRequest(
        @NotEmpty @Size(max = 30)
        List<@NotBlank @Size(max = org.liandong.common.TextLimits.AGENDA_ITEM) String> items) {}
