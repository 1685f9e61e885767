package org.liandong.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.liandong.directory.Role;

/**
 * A project as the API shows it, with its checklist, timeline and statutory clock.
 * {@code allowedActions}: the {@link ProjectAction#path()}s the reader may post now (their roles,
 * the project's status), so clients offer what the server accepts without copying its rules.
 */
public record ProjectView(
        Long id,
        String projectCode,
        String name,
        String enterpriseName,
        String creditCode,
        BigDecimal investment,
        String countyCode,
        String countyNameZh,
        String countyNameEn,
        String industry,
        MatterTypeView matterType,
        PartyView applicant,
        PartyView proxyAgent,
        ProjectStatus status,
        List<String> allowedActions,
        FiledBy filedBy,
        Instant createdAt,
        Instant acceptedAt,
        long version,
        List<MaterialView> materials,
        List<EventView> timeline,
        ClockView clock) {

    public record PartyView(Long id, String displayName) {}

    /** One checklist line; {@code acceptedFileId} is the file version it was accepted with (maybe another project's, by reference). */
    public record MaterialView(Long id, String name, MaterialStatus status, String note, Long acceptedFileId) {}

    public record EventView(Instant at, String type, String actor, String detail) {}

    public record MatterTypeView(String code, String nameZh, String nameEn, int timeLimitDays, List<String> materials) {
        public static MatterTypeView of(MatterType m) {
            return new MatterTypeView(m.code(), m.nameZh(), m.nameEn(), m.timeLimitDays(), m.materials());
        }
    }

    /**
     * The project as one reader sees it: {@code partyOnly} (applicant, proxy agent) gets the
     * timeline filtered by {@link TimelinePolicy}; {@code holds} says which roles the reader has.
     */
    public static ProjectView of(Project p, ClockView clock, boolean partyOnly, Predicate<Role> holds) {
        return new ProjectView(
                p.id(),
                p.projectCode(),
                p.name(),
                p.enterpriseName(),
                p.creditCode(),
                p.investment(),
                p.county().code(),
                p.county().nameZh(),
                p.county().nameEn(),
                p.industry(),
                MatterTypeView.of(p.matterType()),
                new PartyView(p.applicant().id(), p.applicant().displayName()),
                p.proxyAgent() == null
                        ? null
                        : new PartyView(p.proxyAgent().id(), p.proxyAgent().displayName()),
                p.status(),
                ProjectAction.allowed(p.status(), holds),
                p.filedBy(),
                p.createdAt(),
                p.acceptedAt(),
                p.version(),
                p.materials().stream()
                        .map(m -> new MaterialView(m.id(), m.name(), m.status(), m.note(), m.acceptedFileId()))
                        .toList(),
                TimelinePolicy.visible(p.events(), partyOnly).stream()
                        .map(e -> new EventView(e.at(), e.type(), e.actor(), e.detail()))
                        .toList(),
                clock);
    }
}
