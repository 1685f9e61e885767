package org.liandong.project;

/** Who filed an application: the applicant or proxy agent online, or the coordinator at the counter on their behalf. */
public enum FiledBy {
    APPLICANT,
    PROXY_AGENT,
    COORDINATOR;

    String describe() {
        return switch (this) {
            case APPLICANT -> "filed online by the applicant";
            case PROXY_AGENT -> "filed online by the proxy agent";
            case COORDINATOR -> "registered at the counter by the coordinator";
        };
    }
}
