package org.liandong.session;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.at;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.liandong.notification.Outbox;
import org.liandong.support.Fixtures;
import org.liandong.support.GreenMailResource;

/** Invitations and cancellations delivered by e-mail to a real SMTP server, with their calendar files. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class InvitationMailTest {

    @Inject
    Fixtures fx;

    @Inject
    Outbox outbox;

    @Test
    void invitationsAndCancellationsArriveByMailWithTheirCalendarFiles() throws Exception {
        GreenMail mail = GreenMailResource.greenMail();
        // The SMTP server is shared with every class of this test resource (ExactlyOnceTest sends a
        // hundred mails to city.drc): this test counts only what arrives from here on.
        mail.purgeEmailFromAllMailboxes();
        long id = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), at(fx.freeDay(), 10, 0)));
        // The scheduled dispatcher may claim some of them first (SKIP LOCKED): count what arrives.
        outbox.dispatchPending();
        org.awaitility.Awaitility.await()
                .until(() -> mail.getReceivedMessages().length == 4); // chair, two officials, applicant
        assertEquals(0, outbox.dispatchPending(), "nothing is sent twice");

        MimeMessage invite = to(mail.getReceivedMessages(), "city.drc@demo.liandong.org");
        assertTrue(invite.getSubject().contains("Invitation"));
        Calendar request = calendarOf(invite);
        assertEquals(
                "REQUEST", request.getProperty(Property.METHOD).orElseThrow().getValue());
        VEvent event = request.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        String uid = event.getUid().orElseThrow().getValue();
        assertTrue(
                event.getProperty(Property.DESCRIPTION).orElseThrow().getValue().contains("token="));
        as("city.drc")
                .get("/api/me/inbox")
                .then()
                .body("findAll { it.sessionId == " + id + " }.emailStatus", everyItem(equalTo("SENT")));

        as("coordinator")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "企业申请延期 Applicant asked to postpone"))
                .post("/api/sessions/" + id + "/cancel")
                .then()
                .statusCode(200);
        outbox.dispatchPending();
        org.awaitility.Awaitility.await().until(() -> mail.getReceivedMessages().length == 8);
        List<MimeMessage> drc = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals("city.drc@demo.liandong.org"))
                .toList();
        assertEquals(2, drc.size());
        Calendar cancel = calendarOf(drc.get(1));
        assertEquals("CANCEL", cancel.getProperty(Property.METHOD).orElseThrow().getValue());
        VEvent cancelled = cancel.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        assertEquals(uid, cancelled.getUid().orElseThrow().getValue());
        assertEquals("1", cancelled.getProperty(Property.SEQUENCE).orElseThrow().getValue());
    }

    private static MimeMessage to(MimeMessage[] messages, String address) {
        return Arrays.stream(messages)
                .filter(m -> recipient(m).equals(address))
                .findFirst()
                .orElseThrow();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Calendar calendarOf(MimeMessage m) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getContentType().toLowerCase().startsWith("text/calendar")) {
                try (InputStream in = part.getInputStream()) {
                    return new CalendarBuilder().build(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
        }
        throw new AssertionError("no text/calendar part in " + m.getSubject());
    }
}
