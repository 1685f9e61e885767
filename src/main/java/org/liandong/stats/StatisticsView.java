package org.liandong.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/statistics}: the figures of a period, per county and in total, per department,
 * the satisfaction detail and the monthly trend. Field names and units are those of {@link Figure};
 * a rate whose denominator is zero is null.
 *
 * @param from       first month, YYYY-MM (months in {@code zone})
 * @param to         last month, inclusive
 * @param county     the county filter, or null for all
 * @param total      the period over all counties (or the one county)
 * @param counties   every county of the directory, in division-code order, those without cases included
 * @param trend      one point per month of the period
 */
public record StatisticsView(
        String from,
        String to,
        String county,
        String zone,
        Instant computedAt,
        CaseFigures total,
        List<CountyRow> counties,
        List<DepartmentRow> departments,
        Satisfaction satisfaction,
        List<TrendPoint> trend) {

    /** The case figures of one county, one month or the total. See {@link Figure} for each definition. */
    public record CaseFigures(
            long decided,
            long approved,
            BigDecimal approvedInvestment,
            Double avgDaysFromAcceptanceNet,
            Double medianDaysFromAcceptanceNet,
            Double avgDaysFromAcceptanceGross,
            Double medianDaysFromAcceptanceGross,
            Double avgDaysFromSubmissionNet,
            Double medianDaysFromSubmissionNet,
            Double avgDaysFromSubmissionGross,
            Double medianDaysFromSubmissionGross,
            Double onTimeRate,
            Double firstPassRate,
            Double supplementRoundsPerProject,
            Double zeroVisitShare,
            Double atMostOneVisitShare,
            long ratings,
            Double meanRating,
            Double satisfiedShare) {}

    public record CountyRow(String code, String nameZh, String nameEn, CaseFigures figures) {}

    /** Department responsiveness; the department's region is where it sits (city or county). */
    public record DepartmentRow(
            long id,
            String code,
            String nameZh,
            String nameEn,
            String regionCode,
            long requiredPlaces,
            Double absentRate,
            Double lateRate,
            long opinionsSigned,
            Double medianOpinionHours) {}

    /** Ratings of the period: how many of each star (index 0 = 1 star), and the lowest-rated comments (≤ 3 stars). */
    public record Satisfaction(long[] distribution, List<LowComment> lowest) {}

    public record LowComment(
            int score,
            String comment,
            Instant ratedAt,
            String projectCode,
            String projectName,
            String countyCode,
            String decisionNumber) {}

    public record TrendPoint(
            String month,
            long decided,
            Double avgDaysFromAcceptanceNet,
            Double avgDaysFromAcceptanceGross,
            Double onTimeRate) {}
}
