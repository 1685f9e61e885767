package org.liandong.session;

import java.time.Instant;
import java.util.List;
import org.liandong.directory.Department;
import org.liandong.directory.Person;

/** A session as the API shows it. Times are UTC instants; the web app shows them in Asia/Shanghai. */
public record SessionView(
        Long id,
        long projectId,
        String projectCode,
        String projectName,
        String title,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        PersonRef chair,
        SessionStatus status,
        int sequence,
        String cancelReason,
        List<DepartmentRef> departments,
        List<ParticipantView> participants,
        List<String> agenda,
        List<EventView> history,
        long version) {

    public record PersonRef(long id, String username, String displayName) {
        static PersonRef of(Person p) {
            return new PersonRef(p.id(), p.username(), p.displayName());
        }
    }

    public record DepartmentRef(long departmentId, String code, String nameZh, String nameEn, boolean required) {}

    public record ParticipantView(
            long personId,
            String username,
            String displayName,
            SessionRole role,
            Long departmentId,
            String departmentCode,
            String departmentNameZh,
            String departmentNameEn) {
        static ParticipantView of(Invitation i) {
            Department d = i.department();
            return new ParticipantView(
                    i.personId(),
                    i.person().username(),
                    i.person().displayName(),
                    i.role(),
                    d == null ? null : d.id(),
                    d == null ? null : d.code(),
                    d == null ? null : d.nameZh(),
                    d == null ? null : d.nameEn());
        }
    }

    public record EventView(Instant at, String type, String actor, String detail) {}

    public static SessionView of(ReviewSession s) {
        return new SessionView(
                s.id(),
                s.project().id(),
                s.project().projectCode(),
                s.project().name(),
                s.title(),
                s.startsAt(),
                s.endsAt(),
                (int) s.duration().toMinutes(),
                PersonRef.of(s.chair()),
                s.status(),
                s.sequence(),
                s.cancelReason(),
                s.departments().stream()
                        .map(d -> new DepartmentRef(
                                d.departmentId(),
                                d.department().code(),
                                d.department().nameZh(),
                                d.department().nameEn(),
                                d.required()))
                        .toList(),
                s.activeInvitations().stream().map(ParticipantView::of).toList(),
                s.agenda(),
                s.history().stream()
                        .map(e -> new EventView(e.at(), e.type(), e.actor(), e.detail()))
                        .toList(),
                s.version());
    }

    /** What an applicant or proxy agent may see: no history of other people's invitations. */
    public SessionView forParty() {
        return new SessionView(
                id,
                projectId,
                projectCode,
                projectName,
                title,
                startsAt,
                endsAt,
                durationMinutes,
                chair,
                status,
                sequence,
                cancelReason,
                departments,
                participants,
                agenda,
                List.of(),
                version);
    }
}
