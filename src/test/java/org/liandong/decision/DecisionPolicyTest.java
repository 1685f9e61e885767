package org.liandong.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.decision.DecisionPolicy.Ask;
import org.liandong.decision.DecisionPolicy.Ballot;
import org.liandong.decision.DecisionPolicy.Combined;
import org.liandong.decision.DecisionPolicy.NoticeItem;
import org.liandong.opinion.Verdict;

class DecisionPolicyTest {

    private static final Map<Long, String> REQUIRED = new LinkedHashMap<>();
    private final DecisionPolicy policy = new DecisionPolicy(CombiningRule.REJECT_PREVAILS);

    static {
        REQUIRED.clear();
        REQUIRED.put(1L, "发改委");
        REQUIRED.put(2L, "自然资源局");
        REQUIRED.put(3L, "生态环境局");
    }

    private static Ballot b(long dept, Verdict v) {
        return new Ballot(dept, REQUIRED.get(dept), v, List.of(), List.of());
    }

    @Test
    void allApproveIsApproved() {
        Combined c =
                policy.combine(REQUIRED, List.of(b(1, Verdict.APPROVE), b(2, Verdict.APPROVE), b(3, Verdict.APPROVE)));
        assertEquals(Outcome.APPROVED, c.outcome());
        assertEquals(List.of(), c.conditions());
        assertEquals(List.of(), c.notice());
    }

    @Test
    void conditionsAreUnitedWithoutDuplicates() {
        Combined c = policy.combine(
                REQUIRED,
                List.of(
                        new Ballot(1, "发改委", Verdict.APPROVE_WITH_CONDITIONS, List.of("落实节能审查意见", "按期开工"), List.of()),
                        b(2, Verdict.APPROVE),
                        new Ballot(
                                3,
                                "生态环境局",
                                Verdict.APPROVE_WITH_CONDITIONS,
                                List.of("落实节能审查意见。", "废水达标排放"),
                                List.of())));
        assertEquals(Outcome.APPROVED_WITH_CONDITIONS, c.outcome());
        assertEquals(List.of("落实节能审查意见", "按期开工", "废水达标排放"), c.conditions());
    }

    @Test
    void anyRejectPrevailsOverSupplementAndConditions() {
        Combined c = policy.combine(
                REQUIRED,
                List.of(
                        new Ballot(1, "发改委", Verdict.APPROVE_WITH_CONDITIONS, List.of("按期开工"), List.of()),
                        new Ballot(
                                2, "自然资源局", Verdict.REQUEST_SUPPLEMENT, List.of(), List.of(new Ask("用地红线图", "比例尺不清"))),
                        b(3, Verdict.REJECT)));
        assertEquals(Outcome.REJECTED, c.outcome());
        assertEquals(List.of(), c.notice());
    }

    @Test
    void supplementMergesDuplicateItemsFromTwoDepartmentsIntoOneNotice() {
        Combined c = policy.combine(
                REQUIRED,
                List.of(
                        new Ballot(
                                1,
                                "发改委",
                                Verdict.REQUEST_SUPPLEMENT,
                                List.of(),
                                List.of(new Ask("节能报告", "缺少能耗测算"), new Ask("用地红线图", "未盖章"))),
                        new Ballot(
                                2,
                                "自然资源局",
                                Verdict.REQUEST_SUPPLEMENT,
                                List.of(),
                                List.of(new Ask(" 用地红线图 ", "比例尺不清"), new Ask("用地红线图", "未盖章。"))),
                        new Ballot(3, "生态环境局", Verdict.APPROVE_WITH_CONDITIONS, List.of("废水达标排放"), List.of())));
        assertEquals(Outcome.SUPPLEMENT_REQUIRED, c.outcome());
        assertEquals(
                List.of(
                        new NoticeItem("节能报告", List.of("缺少能耗测算"), List.of("发改委")),
                        new NoticeItem("用地红线图", List.of("未盖章", "比例尺不清"), List.of("发改委", "自然资源局"))),
                c.notice());
        assertEquals(List.of(), c.conditions(), "conditions wait for the follow-up session");
    }

    @Test
    void supplementFirstRuleLetsTheApplicantFixBeforeARejection() {
        DecisionPolicy lenient = new DecisionPolicy(CombiningRule.SUPPLEMENT_FIRST);
        Combined c = lenient.combine(
                REQUIRED,
                List.of(
                        b(1, Verdict.REJECT),
                        new Ballot(2, "自然资源局", Verdict.REQUEST_SUPPLEMENT, List.of(), List.of(new Ask("用地红线图", "未盖章"))),
                        b(3, Verdict.APPROVE)));
        assertEquals(Outcome.SUPPLEMENT_REQUIRED, c.outcome());
        assertEquals(1, c.notice().size());
    }

    @Test
    void refusesWhileARequiredDepartmentHasNotSigned() {
        DecisionPolicy.MissingOpinions e = assertThrows(
                DecisionPolicy.MissingOpinions.class,
                () -> policy.combine(REQUIRED, List.of(b(1, Verdict.APPROVE), b(3, Verdict.APPROVE))));
        assertEquals(List.of("自然资源局"), e.departments());
        assertThrows(DecisionPolicy.MissingOpinions.class, () -> policy.combine(Map.of(), List.of()));
    }

    @Test
    void anOptionalDepartmentsVerdictCountsToo() {
        Map<Long, String> required = Map.of(1L, "发改委");
        Combined c = policy.combine(
                required, List.of(b(1, Verdict.APPROVE), new Ballot(9, "应急管理局", Verdict.REJECT, List.of(), List.of())));
        assertEquals(Outcome.REJECTED, c.outcome());
    }
}
