package org.liandong.session;

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
import java.time.Instant;
import org.liandong.directory.Department;
import org.liandong.directory.Person;

/**
 * One person invited to one session in one role. A withdrawn invitation is kept (with when and
 * why) so that the history stays complete; only an active one admits anybody.
 */
@Entity
@Table(name = "session_invitation")
public class Invitation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    private ReviewSession session;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    private Person person;

    @Enumerated(EnumType.STRING)
    private SessionRole role;
    /** The department the person speaks for (chair and officials); null otherwise. */
    @ManyToOne(fetch = FetchType.EAGER)
    private Department department;

    @Column(name = "invited_at")
    private Instant invitedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdraw_reason", length = org.liandong.common.TextLimits.WITHDRAW_REASON)
    private String withdrawReason;

    protected Invitation() {}

    Invitation(ReviewSession session, Person person, SessionRole role, Department department, Instant now) {
        this.session = session;
        this.person = person;
        this.role = role;
        this.department = department;
        this.invitedAt = now;
    }

    void withdraw(String reason, Instant now) {
        this.withdrawnAt = now;
        this.withdrawReason = reason;
    }

    public boolean isActive() {
        return withdrawnAt == null;
    }

    public Long id() {
        return id;
    }

    public ReviewSession session() {
        return session;
    }

    public Person person() {
        return person;
    }

    public long personId() {
        return person.id();
    }

    public SessionRole role() {
        return role;
    }

    public Department department() {
        return department;
    }

    public Instant invitedAt() {
        return invitedAt;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    public String withdrawReason() {
        return withdrawReason;
    }
}
