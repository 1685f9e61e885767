package org.liandong.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The statistics as tables (header + rows), the one shape both exports (CSV, XLSX) and the
 * bulletin's spreadsheet use. Headers name each figure in Chinese with its unit and in English.
 */
final class StatisticsTables {

    /** One table; cells are String, Number or null. */
    record Table(String name, List<String> header, List<List<Object>> rows) {}

    private StatisticsTables() {}

    private static final List<Figure> CASE_FIGURES = List.of(
            Figure.DECIDED,
            Figure.APPROVED,
            Figure.APPROVED_INVESTMENT,
            Figure.AVG_DAYS_ACCEPTED_NET,
            Figure.MEDIAN_DAYS_ACCEPTED_NET,
            Figure.AVG_DAYS_ACCEPTED_GROSS,
            Figure.MEDIAN_DAYS_ACCEPTED_GROSS,
            Figure.AVG_DAYS_SUBMITTED_NET,
            Figure.MEDIAN_DAYS_SUBMITTED_NET,
            Figure.AVG_DAYS_SUBMITTED_GROSS,
            Figure.MEDIAN_DAYS_SUBMITTED_GROSS,
            Figure.ON_TIME_RATE,
            Figure.FIRST_PASS_RATE,
            Figure.SUPPLEMENT_ROUNDS,
            Figure.ZERO_VISIT_SHARE,
            Figure.AT_MOST_ONE_VISIT_SHARE,
            Figure.RATINGS,
            Figure.MEAN_RATING,
            Figure.SATISFIED_SHARE);

    static String header(Figure f) {
        return f.nameZh + "（" + f.unit.zh + "） " + f.nameEn + " (" + f.unit.en + ")";
    }

    static List<Table> all(StatisticsView v, RankingView ranking) {
        return List.of(counties(v), departments(v), trend(v), ranking(ranking), definitions());
    }

    static Table counties(StatisticsView v) {
        List<String> header = new ArrayList<>(List.of("区县代码 Code", "区县 County", "County"));
        CASE_FIGURES.forEach(f -> header.add(header(f)));
        List<List<Object>> rows = new ArrayList<>();
        for (StatisticsView.CountyRow c : v.counties()) {
            rows.add(caseRow(c.code(), c.nameZh(), c.nameEn(), c.figures()));
        }
        rows.add(caseRow(v.county() == null ? "" : v.county(), "合计", "Total", v.total()));
        return new Table("counties", header, rows);
    }

    private static List<Object> caseRow(String code, String zh, String en, StatisticsView.CaseFigures f) {
        List<Object> row = new ArrayList<>(List.of(code, zh, en));
        row.addAll(java.util.Arrays.asList(
                f.decided(),
                f.approved(),
                f.approvedInvestment(),
                f.avgDaysFromAcceptanceNet(),
                f.medianDaysFromAcceptanceNet(),
                f.avgDaysFromAcceptanceGross(),
                f.medianDaysFromAcceptanceGross(),
                f.avgDaysFromSubmissionNet(),
                f.medianDaysFromSubmissionNet(),
                f.avgDaysFromSubmissionGross(),
                f.medianDaysFromSubmissionGross(),
                f.onTimeRate(),
                f.firstPassRate(),
                f.supplementRoundsPerProject(),
                f.zeroVisitShare(),
                f.atMostOneVisitShare(),
                f.ratings(),
                f.meanRating(),
                f.satisfiedShare()));
        return row;
    }

    static Table departments(StatisticsView v) {
        List<String> header = new ArrayList<>(List.of("部门代码 Code", "部门 Department", "Department", "所在地区 Region"));
        List.of(
                        Figure.REQUIRED_PLACES,
                        Figure.ABSENT_RATE,
                        Figure.LATE_RATE,
                        Figure.OPINIONS_SIGNED,
                        Figure.MEDIAN_OPINION_HOURS)
                .forEach(f -> header.add(header(f)));
        return new Table(
                "departments",
                header,
                map(
                        v.departments(),
                        d -> java.util.Arrays.asList(
                                d.code(),
                                d.nameZh(),
                                d.nameEn(),
                                d.regionCode(),
                                d.requiredPlaces(),
                                d.absentRate(),
                                d.lateRate(),
                                d.opinionsSigned(),
                                d.medianOpinionHours())));
    }

    static Table trend(StatisticsView v) {
        List<String> header = List.of(
                "月份 Month",
                header(Figure.DECIDED),
                header(Figure.AVG_DAYS_ACCEPTED_NET),
                header(Figure.AVG_DAYS_ACCEPTED_GROSS),
                header(Figure.ON_TIME_RATE));
        return new Table(
                "trend",
                header,
                map(
                        v.trend(),
                        t -> java.util.Arrays.asList(
                                t.month(),
                                t.decided(),
                                t.avgDaysFromAcceptanceNet(),
                                t.avgDaysFromAcceptanceGross(),
                                t.onTimeRate())));
    }

    static Table ranking(RankingView r) {
        List<String> header = List.of(
                "排名 Rank (" + r.month() + ")",
                "上月排名 Previous rank",
                "变化 Change",
                "区县代码 Code",
                "区县 County",
                "County",
                header(Figure.SCORE),
                header(Figure.DECIDED),
                header(Figure.ON_TIME_RATE),
                header(Figure.FIRST_PASS_RATE),
                "办理速度（分） Speed (points)",
                header(Figure.AT_MOST_ONE_VISIT_SHARE),
                header(Figure.SATISFIED_SHARE));
        return new Table(
                "ranking",
                header,
                map(
                        r.rows(),
                        x -> java.util.Arrays.asList(
                                x.rank(),
                                x.previousRank(),
                                x.change(),
                                x.code(),
                                x.nameZh(),
                                x.nameEn(),
                                x.score(),
                                x.decided(),
                                x.onTimeRate(),
                                x.firstPassRate(),
                                x.speed(),
                                x.atMostOneVisitShare(),
                                x.satisfiedShare())));
    }

    static Table definitions() {
        List<String> header = List.of("字段 Field", "指标 Figure", "Figure", "单位 Unit", "口径", "Definition", "来源 Source");
        return new Table(
                "definitions",
                header,
                map(
                        List.of(Figure.values()),
                        f -> List.of(
                                f.field,
                                f.nameZh,
                                f.nameEn,
                                f.unit.zh + " / " + f.unit.en,
                                f.definitionZh,
                                f.definitionEn,
                                f.source.description)));
    }

    private static <T> List<List<Object>> map(List<T> items, Function<T, List<Object>> f) {
        return items.stream().map(f).toList();
    }
}
