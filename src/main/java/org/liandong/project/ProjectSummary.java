package org.liandong.project;

import java.math.BigDecimal;
import java.time.Instant;

/** A project as a list shows it, with its statutory clock. */
public record ProjectSummary(
        Long id,
        String projectCode,
        String name,
        String enterpriseName,
        BigDecimal investment,
        String countyCode,
        String countyNameZh,
        String countyNameEn,
        String matterType,
        ProjectStatus status,
        Instant createdAt,
        ClockView clock) {

    public static ProjectSummary of(Project p, ClockView clock) {
        return new ProjectSummary(
                p.id(),
                p.projectCode(),
                p.name(),
                p.enterpriseName(),
                p.investment(),
                p.county().code(),
                p.county().nameZh(),
                p.county().nameEn(),
                p.matterType().code(),
                p.status(),
                p.createdAt(),
                clock);
    }
}
