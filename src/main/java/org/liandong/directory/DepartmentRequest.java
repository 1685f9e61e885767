package org.liandong.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record DepartmentRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{2,40}", message = "must be 2-40 letters, digits or dashes")
        String code,

        @NotBlank String regionCode,
        @NotBlank @Size(max = 100) String nameZh,
        @NotBlank @Size(max = 200) String nameEn) {}
