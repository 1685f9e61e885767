package org.liandong.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.liandong.directory.Person;

/**
 * One message to one person: always shown in their in-app inbox, and also e-mailed when e-mail is
 * enabled and they have an address (the outbox row tracks that delivery: PENDING → SENT, or
 * FAILED after the last attempt). The optional iCalendar file travels with it in both channels.
 */
@Entity
@Table(name = "notification")
public class Notification {

    public enum Kind {
        INVITATION,
        UPDATE,
        CANCELLATION,
        NOTICE
    }

    public enum EmailStatus {
        NONE,
        PENDING,
        SENT,
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    private Person recipient;

    @Column(name = "session_id")
    private Long sessionId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String subject;
    private String body;
    private String ics;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "email_status")
    private EmailStatus emailStatus;

    @Column(name = "email_attempts")
    private int emailAttempts;

    @Column(name = "email_sent_at")
    private Instant emailSentAt;

    @Column(name = "email_error")
    private String emailError;

    @Version
    private long version;

    protected Notification() {}

    Notification(
            Person recipient,
            Long sessionId,
            Kind kind,
            String subject,
            String body,
            String ics,
            boolean email,
            Instant now) {
        this.recipient = recipient;
        this.sessionId = sessionId;
        this.kind = kind;
        this.subject = subject;
        this.body = body;
        this.ics = ics;
        this.createdAt = now;
        this.emailStatus = email ? EmailStatus.PENDING : EmailStatus.NONE;
    }

    void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    void emailSent(Instant now) {
        emailAttempts++;
        emailStatus = EmailStatus.SENT;
        emailSentAt = now;
        emailError = null;
    }

    void emailFailed(String error, int maxAttempts) {
        emailAttempts++;
        emailError = error == null ? "unknown error" : error.substring(0, Math.min(500, error.length()));
        if (emailAttempts >= maxAttempts) {
            emailStatus = EmailStatus.FAILED;
        }
    }

    public Long id() {
        return id;
    }

    public Person recipient() {
        return recipient;
    }

    public Long sessionId() {
        return sessionId;
    }

    public Kind kind() {
        return kind;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public String ics() {
        return ics;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant readAt() {
        return readAt;
    }

    public EmailStatus emailStatus() {
        return emailStatus;
    }

    public int emailAttempts() {
        return emailAttempts;
    }

    public Instant emailSentAt() {
        return emailSentAt;
    }

    public String emailError() {
        return emailError;
    }
}
