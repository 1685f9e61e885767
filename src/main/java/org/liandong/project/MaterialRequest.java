package org.liandong.project;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record MaterialRequest(@NotNull MaterialStatus status, @Size(max = org.liandong.common.TextLimits.MATERIAL_NOTE) String note) {
}
