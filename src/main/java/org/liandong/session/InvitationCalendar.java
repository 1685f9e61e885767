package org.liandong.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.validate.ValidationResult;
import org.liandong.common.TimeConfig;
import org.liandong.directory.Person;

/**
 * The RFC 5545 file of one person's invitation, built with ical4j. The UID is stable per session,
 * so a calendar client updates the same event: SEQUENCE is the session's (raised on every
 * reschedule and on cancellation), a cancellation or withdrawn invitation is METHOD:CANCEL with
 * STATUS:CANCELLED. Times carry the Asia/Shanghai TZID with its VTIMEZONE; the personal join link
 * is in DESCRIPTION and URL. Every file passes ical4j's strict {@code Calendar.validate()} (one
 * DTSTAMP, an ORGANIZER and ATTENDEE as iTIP REQUEST/CANCEL require) and is folded at 75 octets;
 * InvitationFilesTest also parses each with Mozilla's ical.js.
 */
@ApplicationScoped
public class InvitationCalendar {

    private final ZoneId zone;
    private final TimeZoneRegistry registry =
            TimeZoneRegistryFactory.getInstance().createRegistry();
    private final String uidDomain;

    InvitationCalendar(TimeConfig time, SessionConfig config) {
        this.zone = time.zone();
        this.uidDomain = URI.create(config.publicUrl()).getHost() == null
                ? "liandong"
                : URI.create(config.publicUrl()).getHost();
    }

    /** METHOD:REQUEST: the invitation as it stands now. */
    public String request(ReviewSession s, Person attendee, String joinUrl, Instant now) {
        return build(s, attendee, joinUrl, now, false);
    }

    /** METHOD:CANCEL: the session was cancelled, or this person's invitation withdrawn. */
    public String cancel(ReviewSession s, Person attendee, Instant now) {
        return build(s, attendee, null, now, true);
    }

    /** RFC 5545 CAL-ADDRESS: mailto when the person has an address, otherwise a URN naming them. */
    private static URI calAddress(Person p) {
        return p.email() != null ? URI.create("mailto:" + p.email()) : URI.create("urn:liandong:person:" + p.id());
    }

    public String uid(long sessionId) {
        return "liandong-session-" + sessionId + "@" + uidDomain;
    }

    private String build(ReviewSession s, Person attendee, String joinUrl, Instant now, boolean cancel) {
        net.fortuna.ical4j.model.TimeZone tz = registry.getTimeZone(zone.getId());
        ZonedDateTime start = s.startsAt().atZone(tz.toZoneId());
        ZonedDateTime end = s.endsAt().atZone(tz.toZoneId());
        VEvent event = new VEvent(
                start,
                end,
                (cancel ? "已取消 Cancelled: " : "") + "联审会 Joint review: "
                        + s.project().name());
        event.add(new Uid(uid(s.id())));
        event.replace(new DtStamp(now)); // the VEvent constructor already adds one; RFC 5545 allows exactly one
        event.add(new Sequence(s.sequence()));
        event.add(cancel ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        event.add(new Description(description(s, joinUrl, cancel)));
        if (joinUrl != null) {
            event.add(new Url(URI.create(joinUrl)));
        }
        // iTIP REQUEST/CANCEL (RFC 5546) require ORGANIZER and ATTENDEE even for people without an
        // e-mail address (in-app inbox only), so they get a cal-address URI of their own.
        Organizer organizer = new Organizer(calAddress(s.chair()));
        organizer.add(new Cn(s.chair().displayName()));
        event.add(organizer);
        Attendee a = new Attendee(calAddress(attendee));
        a.add(new Cn(attendee.displayName()));
        a.add(Role.REQ_PARTICIPANT);
        event.add(a);
        Calendar calendar = new Calendar()
                .withProdId("-//Liandong//Joint review sessions//ZH")
                .withDefaults()
                .withProperty(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST)
                .withComponent(tz.getVTimeZone())
                .withComponent(event)
                .getFluentTarget();
        ValidationResult result = calendar.validate();
        if (result.hasErrors()) {
            throw new IllegalStateException(
                    "invitation calendar of session " + s.id() + " is invalid: " + result.getEntries());
        }
        return fold(calendar.toString());
    }

    /**
     * Folds content lines at 75 octets (RFC 5545 §3.1): a CRLF and a space before the octet that
     * would pass 75, never inside a UTF-8 sequence. ical4j's own folding counts characters, which
     * lets a line of Chinese text reach three times the limit.
     */
    static String fold(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 20);
        for (String line : unfolded.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + size > 75) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(cp);
                octets += size;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String description(ReviewSession s, String joinUrl, boolean cancel) {
        StringBuilder b = new StringBuilder();
        b.append("项目 Project: ")
                .append(s.project().projectCode())
                .append(' ')
                .append(s.project().name())
                .append('\n');
        if (cancel) {
            b.append(
                            s.cancelReason() != null
                                    ? "取消原因 Reason: " + s.cancelReason()
                                    : "您的邀请已撤回 Your invitation was withdrawn")
                    .append('\n');
            return b.toString();
        }
        b.append("主持人 Chair: ").append(s.chair().displayName()).append('\n');
        b.append("议程 Agenda:\n");
        for (int i = 0; i < s.agenda().size(); i++) {
            b.append(i + 1).append(". ").append(s.agenda().get(i)).append('\n');
        }
        if (joinUrl != null) {
            b.append("个人入会链接（请勿转发） Personal join link (do not forward): ")
                    .append(joinUrl)
                    .append('\n');
        }
        return b.toString();
    }
}
