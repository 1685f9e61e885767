package org.liandong.stats;

import java.util.List;

/**
 * {@code GET /api/statistics/ranking}: the county ranking of one month (一月一排名).
 *
 * @param weights the weights used (from configuration)
 * @param rows    ranked counties first (rank 1..n), then counties without a decided project (rank null)
 * @param tieBreak the rule applied after the score, in words
 */
public record RankingView(String month, String previousMonth, Weights weights, String tieBreak, List<Row> rows) {

    public record Weights(double onTime, double firstPass, double speed, double visits, double satisfaction) {}

    /**
     * @param change previousRank − rank: positive moved up, negative down, null when not ranked in one of the months
     * @param speed  100 × (1 − mean of days used ÷ statutory limit, each capped at 1)
     */
    public record Row(
            Integer rank,
            Integer previousRank,
            Integer change,
            String code,
            String nameZh,
            String nameEn,
            Double score,
            long decided,
            Double onTimeRate,
            Double firstPassRate,
            Double speed,
            Double atMostOneVisitShare,
            Double satisfiedShare) {}
}
