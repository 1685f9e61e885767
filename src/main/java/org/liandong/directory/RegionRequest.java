package org.liandong.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record RegionRequest(
        @NotNull @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}", message = "must be a 6, 9 or 12 digit division code")
        String code,

        @NotNull RegionLevel level,
        String parentCode,
        @NotBlank @Size(max = 100) String nameZh,
        @NotBlank @Size(max = 200) String nameEn) {}
