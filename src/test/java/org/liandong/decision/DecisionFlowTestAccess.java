package org.liandong.decision;

/** Lets tests outside this package sign an approving opinion the way DecisionFlowTest does. */
public final class DecisionFlowTestAccess {

    private DecisionFlowTestAccess() {}

    public static long signApproval(String official, long sessionId) {
        return org.liandong.support.Fixtures.signOpinion(official, sessionId, DecisionFlowTest.approve());
    }
}
