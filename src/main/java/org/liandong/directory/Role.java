package org.liandong.directory;

/** What a person may do in Liandong. The lower-case names are the security role names. */
public enum Role {
    ADMIN,
    COORDINATOR,
    OFFICIAL,
    APPLICANT,
    PROXY_AGENT,
    OBSERVER;

    public static final String ADMIN_NAME = "admin";
    public static final String COORDINATOR_NAME = "coordinator";
    public static final String OFFICIAL_NAME = "official";
    public static final String APPLICANT_NAME = "applicant";
    public static final String PROXY_AGENT_NAME = "proxy_agent";
    public static final String OBSERVER_NAME = "observer";

    public String roleName() {
        return name().toLowerCase();
    }

    public static Role ofName(String name) {
        return valueOf(name.trim().toUpperCase());
    }
}
