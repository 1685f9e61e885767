package org.liandong.project;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record MaterialRequest(@NotNull MaterialStatus status, @Size(max = 500) String note) {
}
