package org.liandong.decision;

import java.util.List;
import org.liandong.opinion.Verdict;

/**
 * What the chair's decision panel shows: each participating department and whether its opinion
 * is signed, who is still missing, the outcome the policy would give now, or the issued decision.
 */
public record DecisionPanelView(
        long sessionId,
        long projectId,
        String projectCode,
        long chairId,
        boolean mayIssue,
        CombiningRule rule,
        List<DepartmentState> departments,
        List<String> missing,
        Preview preview,
        DecisionView decision) {

    public record DepartmentState(
            long departmentId,
            String code,
            String nameZh,
            String nameEn,
            boolean required,
            boolean signed,
            Verdict verdict) {}

    public record Preview(
            Outcome outcome, String outcomeZh, List<String> conditions, List<DecisionPolicy.NoticeItem> notice) {}
}
