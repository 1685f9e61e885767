package org.liandong.session;

/** What an invited person does in one session; independent of their directory roles. */
public enum SessionRole {
    /** Leads the session: opens it, starts it at quorum, issues the decision. */
    CHAIR,
    /** Speaks and signs for one participating department. */
    OFFICIAL,
    /** The enterprise applying. */
    APPLICANT,
    /** The proxy agent (代办员) acting for the applicant. */
    PROXY_AGENT,
    /** Supervision: sees everything, changes nothing. */
    OBSERVER;

    /** The applicant side: excused during deliberation, never sees drafts. */
    public boolean isParty() {
        return this == APPLICANT || this == PROXY_AGENT;
    }

    /** Speaks for a department, so counts towards quorum. */
    public boolean representsDepartment() {
        return this == CHAIR || this == OFFICIAL;
    }
}
