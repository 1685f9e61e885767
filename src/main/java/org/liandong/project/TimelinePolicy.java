package org.liandong.project;

import java.util.List;

/**
 * What of a project's timeline each reader may see (DESIGN.md: "an applicant never sees
 * deliberation or other departments' drafts or verdicts before the decision, in any view, message
 * or export"). Staff and observers read every entry. The applicant side (applicant, proxy agent)
 * reads every entry except the deliberation ones ({@code opinion-*}: which department signed what
 * verdict) until a decision is issued after them; then the decision document shows the same verdicts
 * anyway. A correction signed after the decision stays hidden until the next decision.
 */
public final class TimelinePolicy {

    /** Entry types that carry the departments' deliberation. */
    static boolean isDeliberation(String type) {
        return type.startsWith("opinion-");
    }

    static final String DECISION_ISSUED = "decision-issued";

    private TimelinePolicy() {}

    /** The entries {@code events} (oldest first) that a reader may see. */
    public static List<ProjectEvent> visible(List<ProjectEvent> events, boolean partyOnly) {
        if (!partyOnly) {
            return events;
        }
        int lastDecision = -1;
        for (int i = 0; i < events.size(); i++) {
            if (DECISION_ISSUED.equals(events.get(i).type())) {
                lastDecision = i;
            }
        }
        int disclosedUpTo = lastDecision;
        return java.util.stream.IntStream.range(0, events.size())
                .filter(i -> !isDeliberation(events.get(i).type()) || i < disclosedUpTo)
                .mapToObj(events::get)
                .toList();
    }
}
