package org.liandong.decision;

import java.util.List;
import org.liandong.opinion.Verdict;

/**
 * How department verdicts combine: the verdict highest in the rule's order decides the outcome.
 * Chosen per matter type in configuration ({@code liandong.decision.rules."<matter type>"}).
 */
public enum CombiningRule {
    /** DESIGN.md's default: any reject → rejected; else any supplement → supplement; else conditions; else approved. */
    REJECT_PREVAILS(
            List.of(Verdict.REJECT, Verdict.REQUEST_SUPPLEMENT, Verdict.APPROVE_WITH_CONDITIONS, Verdict.APPROVE)),
    /**
     * For matters where a rejection is usually curable by documents: any supplement request wins,
     * so the applicant gets the one-time notice before anyone rejects.
     */
    SUPPLEMENT_FIRST(
            List.of(Verdict.REQUEST_SUPPLEMENT, Verdict.REJECT, Verdict.APPROVE_WITH_CONDITIONS, Verdict.APPROVE));

    private final List<Verdict> precedence;

    CombiningRule(List<Verdict> precedence) {
        this.precedence = precedence;
    }

    /** The verdicts from strongest to weakest. */
    public List<Verdict> precedence() {
        return precedence;
    }
}
