package org.liandong.session;

import java.time.Instant;
import org.liandong.directory.Department;

/** One attendance entry as the API (JSON and CSV) shows it. */
public record AttendanceView(long personId, String username, String displayName, SessionRole role, Long departmentId,
                             String departmentCode, String departmentNameZh, String departmentNameEn,
                             Instant joinedAt, Instant leftAt, LeaveReason leaveReason, int interruptions,
                             long interruptedSeconds, long presentSeconds) {

    public static final String CSV_HEADER = "person_id,username,display_name,role,department_code,department_name_zh,"
            + "joined_at,left_at,leave_reason,interruptions,interrupted_seconds,present_seconds";

    public static AttendanceView of(AttendanceEntry e, Instant now) {
        Department d = e.department();
        return new AttendanceView(e.person().id(), e.person().username(), e.person().displayName(), e.role(),
                d == null ? null : d.id(), d == null ? null : d.code(), d == null ? null : d.nameZh(),
                d == null ? null : d.nameEn(), e.joinedAt(), e.leftAt(), e.leaveReason(), e.interruptions(),
                e.interruptedSeconds(), e.presence(now).toSeconds());
    }

    /** One RFC 4180 line (fields quoted when they contain a comma, quote or line break). */
    public String csvLine() {
        return String.join(",", Long.toString(personId), csv(username), csv(displayName), role.name(), csv(departmentCode),
                csv(departmentNameZh), joinedAt.toString(), leftAt == null ? "" : leftAt.toString(),
                leaveReason == null ? "" : leaveReason.name(), Integer.toString(interruptions),
                Long.toString(interruptedSeconds), Long.toString(presentSeconds));
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.matches("(?s).*[\",\r\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
