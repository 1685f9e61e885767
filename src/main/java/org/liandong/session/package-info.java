/**
 * Joint review sessions: scheduling with clash checks ({@link org.liandong.session.SchedulingService},
 * {@link org.liandong.session.ConflictChecker}), invitations with iCalendar files
 * ({@link org.liandong.session.InvitationCalendar}), personal join links
 * ({@link org.liandong.session.JoinTokenService}), the session lifecycle for the room and decisions
 * ({@link org.liandong.session.SessionService}) and attendance ({@link org.liandong.session.AttendanceService}).
 *
 * <p>What the room uses: {@code JoinTokenService.verify(token, sessionId)} or
 * {@code admissionFor(sessionId, username)} → {@link org.liandong.session.Admission};
 * {@code SessionService.open/start/conclude}; {@code AttendanceService.recordJoin/recordLeave};
 * observe {@link org.liandong.session.InvitationWithdrawn} (after success) to disconnect people.
 * What decisions use: {@code SessionService.requiredDepartments}, {@code findSessionView},
 * {@code AttendanceService.hasAttended}.
 */
package org.liandong.session;
