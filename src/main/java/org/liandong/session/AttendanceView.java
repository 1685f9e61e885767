package org.liandong.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.liandong.common.Csv;
import org.liandong.directory.Department;

/** One attendance entry as the API (JSON and CSV) shows it. */
public record AttendanceView(
        long personId,
        String username,
        String displayName,
        SessionRole role,
        Long departmentId,
        String departmentCode,
        String departmentNameZh,
        String departmentNameEn,
        Instant joinedAt,
        Instant leftAt,
        LeaveReason leaveReason,
        int interruptions,
        long interruptedSeconds,
        long presentSeconds) {

    static final List<String> CSV_HEADER = List.of(
            "person_id",
            "username",
            "display_name",
            "role",
            "department_code",
            "department_name_zh",
            "joined_at",
            "left_at",
            "joined_local",
            "left_local",
            "leave_reason",
            "interruptions",
            "interrupted_seconds",
            "present_seconds");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static AttendanceView of(AttendanceEntry e, Instant now) {
        Department d = e.department();
        return new AttendanceView(
                e.person().id(),
                e.person().username(),
                e.person().displayName(),
                e.role(),
                d == null ? null : d.id(),
                d == null ? null : d.code(),
                d == null ? null : d.nameZh(),
                d == null ? null : d.nameEn(),
                e.joinedAt(),
                e.leftAt(),
                e.leaveReason(),
                e.interruptions(),
                e.interruptedSeconds(),
                e.presence(now).toSeconds());
    }

    /** The whole CSV document of these entries, as {@code GET /api/sessions/{id}/attendance.csv} serves it (case archive). */
    public static String csv(List<AttendanceView> entries, ZoneId zone) {
        return Csv.document(
                CSV_HEADER, entries.stream().map(a -> a.csvCells(zone)).toList());
    }

    /** The cells of one CSV row (see {@link Csv}): times as UTC instants and in the service's zone. */
    List<String> csvCells(ZoneId zone) {
        return List.of(
                Csv.number(personId),
                username,
                displayName,
                role.name(),
                Objects.toString(departmentCode, ""),
                Objects.toString(departmentNameZh, ""),
                joinedAt.toString(),
                leftAt == null ? "" : leftAt.toString(),
                LOCAL.format(joinedAt.atZone(zone)),
                leftAt == null ? "" : LOCAL.format(leftAt.atZone(zone)),
                leaveReason == null ? "" : leaveReason.name(),
                Csv.number(interruptions),
                Csv.number(interruptedSeconds),
                Csv.number(presentSeconds));
    }
}
