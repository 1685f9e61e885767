package org.liandong.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranking rule alone: scores, every tie-break step, unranked counties, rank change. */
class RankingPolicyTest {

    private static final RankingView.Weights DEFAULTS = new RankingView.Weights(0.30, 0.20, 0.20, 0.15, 0.15);
    private final RankingPolicy policy = new RankingPolicy(DEFAULTS);

    private static RankingPolicy.Input county(
            String code, long decided, Double onTime, Double firstPass, Double speed, Double visits, Double satisfied) {
        return new RankingPolicy.Input(code, code, code, decided, onTime, firstPass, speed, visits, satisfied);
    }

    @Test
    void scoreIsTheWeightedMeanOfTheComponentsThatHaveData() {
        // 0.3·80 + 0.2·50 + 0.2·70 + 0.15·90 + 0.15·60 = 24 + 10 + 14 + 13.5 + 9 = 70.5
        assertEquals(70.5, policy.score(county("a", 4, 80.0, 50.0, 70.0, 90.0, 60.0)));
        // no ratings: (24 + 10 + 14 + 13.5) / 0.85 = 72.35
        assertEquals(72.35, policy.score(county("a", 4, 80.0, 50.0, 70.0, 90.0, null)));
        assertNull(policy.score(county("a", 0, null, null, null, null, null)));
    }

    @Test
    void tiesAreBrokenByOnTimeRateThenVolumeThenCode() {
        // All score 60: (0.3·x + 0.2·y + ...) chosen so the scores tie exactly.
        RankingPolicy.Input a = county("370305", 3, 60.0, 60.0, 60.0, 60.0, 60.0); // 60, on time 60
        RankingPolicy.Input b = county("370304", 5, 80.0, 30.0, 30.0, 80.0, 60.0); // 24+6+6+12+9 = 57 → not a tie
        RankingPolicy.Input c = county("370303", 3, 100.0, 30.0, 30.0, 30.0, 30.0); // 30+6+6+4.5+4.5 = 51
        RankingPolicy.Input d = county("370302", 3, 40.0, 90.0, 90.0, 40.0, 40.0); // 12+18+18+6+6 = 60, on time 40
        RankingPolicy.Input e = county("370306", 7, 60.0, 60.0, 60.0, 60.0, 60.0); // 60, on time 60, more decided
        RankingPolicy.Input f = county("370301", 7, 60.0, 60.0, 60.0, 60.0, 60.0); // same as e, smaller code
        RankingPolicy.Input none = county("370300", 0, null, null, null, null, null);
        List<RankingView.Row> rows = policy.rank(List.of(a, b, c, d, e, f, none), List.of());
        // 60-point tie: on-time 60 (a, e, f) before 40 (d); among those, 7 decided (e, f) before 3 (a); then code.
        assertEquals(
                List.of("370301", "370306", "370305", "370302", "370304", "370303", "370300"),
                rows.stream().map(RankingView.Row::code).toList());
        assertEquals(
                List.of(1, 2, 3, 4, 5, 6),
                rows.stream().limit(6).map(RankingView.Row::rank).toList());
        assertNull(rows.get(6).rank());
    }

    @Test
    void changeIsLastMonthsRankMinusThisMonths() {
        RankingPolicy.Input up = county("a", 1, 100.0, 100.0, 100.0, 100.0, 100.0);
        RankingPolicy.Input down = county("b", 1, 50.0, 50.0, 50.0, 50.0, 50.0);
        RankingPolicy.Input fresh = county("c", 1, 10.0, 10.0, 10.0, 10.0, 10.0);
        List<RankingView.Row> rows = policy.rank(
                List.of(up, down, fresh),
                List.of(county("a", 1, 40.0, 40.0, 40.0, 40.0, 40.0), county("b", 1, 90.0, 90.0, 90.0, 90.0, 90.0)));
        assertEquals(1, rows.get(0).change()); // a: 2 → 1
        assertEquals(-1, rows.get(1).change()); // b: 1 → 2
        assertNull(rows.get(2).change()); // c: not ranked last month
    }
}
