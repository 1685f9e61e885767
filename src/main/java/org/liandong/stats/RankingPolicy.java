package org.liandong.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The county ranking rule (一月一排名), pure. Each component is 0–100; the score is
 * Σ weight × component ÷ Σ weight over the components that have data, rounded to two decimals.
 * Counties with no decided project in the month are not ranked. Order: score, then on-time rate,
 * then projects decided (all descending), then division code ascending, so every rank is unique and
 * the same data always gives the same order.
 */
final class RankingPolicy {

    static final String TIE_BREAK = "score (2 decimals) desc, then on-time rate desc, then projects decided desc, "
            + "then division code asc; counties without a decided project are not ranked";

    /** What the ranking needs of one county in one month. */
    record Input(
            String code,
            String nameZh,
            String nameEn,
            long decided,
            Double onTimeRate,
            Double firstPassRate,
            Double speed,
            Double atMostOneVisitShare,
            Double satisfiedShare) {}

    private final RankingView.Weights w;

    RankingPolicy(RankingView.Weights weights) {
        this.w = weights;
    }

    /** Exact decimal arithmetic on the published (rounded) components, so anyone can recompute it from the table. */
    Double score(Input c) {
        if (c.decided() == 0) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        double[] ws = {w.onTime(), w.firstPass(), w.speed(), w.visits(), w.satisfaction()};
        Double[] xs = {c.onTimeRate(), c.firstPassRate(), c.speed(), c.atMostOneVisitShare(), c.satisfiedShare()};
        for (int i = 0; i < ws.length; i++) {
            if (xs[i] != null && ws[i] > 0) {
                sum = sum.add(BigDecimal.valueOf(ws[i]).multiply(BigDecimal.valueOf(xs[i])));
                weights = weights.add(BigDecimal.valueOf(ws[i]));
            }
        }
        return weights.signum() == 0
                ? null
                : sum.divide(weights, 2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Ranks {@code current}; {@code previous} gives last month's ranks for the change column. */
    List<RankingView.Row> rank(List<Input> current, List<Input> previous) {
        Map<String, Integer> before = new HashMap<>();
        List<Input> prevOrder = order(previous);
        for (int i = 0; i < prevOrder.size(); i++) {
            before.put(prevOrder.get(i).code(), i + 1);
        }
        List<RankingView.Row> rows = new ArrayList<>();
        List<Input> ordered = order(current);
        for (int i = 0; i < ordered.size(); i++) {
            Input c = ordered.get(i);
            Integer prev = before.get(c.code());
            rows.add(row(c, i + 1, prev, prev == null ? null : prev - (i + 1)));
        }
        current.stream()
                .filter(c -> score(c) == null)
                .sorted(Comparator.comparing(Input::code))
                .forEach(c -> rows.add(row(c, null, before.get(c.code()), null)));
        return rows;
    }

    private RankingView.Row row(Input c, Integer rank, Integer prev, Integer change) {
        return new RankingView.Row(
                rank,
                prev,
                change,
                c.code(),
                c.nameZh(),
                c.nameEn(),
                score(c),
                c.decided(),
                c.onTimeRate(),
                c.firstPassRate(),
                c.speed(),
                c.atMostOneVisitShare(),
                c.satisfiedShare());
    }

    private List<Input> order(List<Input> counties) {
        Comparator<Input> byScore = Comparator.comparing((Input c) -> score(c), Comparator.reverseOrder());
        return counties.stream()
                .filter(c -> score(c) != null)
                .sorted(byScore.thenComparing(Input::onTimeRate, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Comparator.comparingLong(Input::decided).reversed())
                        .thenComparing(Input::code))
                .toList();
    }
}
