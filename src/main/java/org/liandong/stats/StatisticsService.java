package org.liandong.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.liandong.common.ProblemException;
import org.liandong.common.TimeConfig;
import org.liandong.stats.StatisticsQueries.CaseAgg;
import org.liandong.stats.StatisticsQueries.CaseCell;
import org.liandong.stats.StatisticsView.CaseFigures;

/**
 * Computes the statistics and the county ranking from the records (see {@link Figure} for every
 * definition). Reads only; ratios and rounding happen here and nowhere else: rates are percentages
 * with one decimal, averages two decimals, investment in 亿元 with two decimals, all half-up.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StatisticsService {

    private final StatisticsQueries queries;
    private final StatisticsConfig config;
    private final ZoneId zone;
    private final Clock clock;

    StatisticsService(StatisticsQueries queries, StatisticsConfig config, TimeConfig time, Clock clock) {
        this.queries = queries;
        this.config = config;
        this.zone = time.zone();
        this.clock = clock;
    }

    public StatisticsView statistics(Period period, String county) {
        List<String[]> counties = queries.counties();
        if (county != null && counties.stream().noneMatch(c -> c[0].equals(county))) {
            throw ProblemException.invalid(
                    "county", "'" + county + "' is not a county-level division code of the directory");
        }
        Instant start = period.start(zone);
        Instant end = period.end(zone);
        List<CaseCell> cells = queries.caseCells(period.from(), period.to(), county);
        Map<String, CaseAgg> byCounty = group(cells, c -> c.county);
        Map<String, CaseAgg> all = group(cells, c -> "all");
        Map<String, CaseAgg> byMonth = group(cells, c -> c.month);
        Map<String, Long> ratings = queries.ratings(period.from(), period.to(), county);

        List<StatisticsView.CountyRow> rows = new ArrayList<>();
        for (String[] c : counties) {
            if (county == null || county.equals(c[0])) {
                rows.add(new StatisticsView.CountyRow(
                        c[0], c[1], c[2], figures(byCounty.getOrDefault(c[0], CaseAgg.EMPTY), stars(ratings, c[0]))));
            }
        }
        long[] distribution = stars(ratings, null);
        CaseFigures total = figures(all.getOrDefault("all", CaseAgg.EMPTY), distribution);
        List<StatisticsView.TrendPoint> trend = period.months().stream()
                .map(m -> {
                    CaseAgg a = byMonth.getOrDefault(m.toString(), CaseAgg.EMPTY);
                    return new StatisticsView.TrendPoint(
                            m.toString(),
                            a.decided(),
                            round(a.avgAccNet(), 2),
                            round(a.avgAccGross(), 2),
                            rate(a.onTime(), a.decided()));
                })
                .toList();
        List<StatisticsView.DepartmentRow> departments =
                queries.departments(period.from(), period.to(), start, end, county, config.lateGrace()).stream()
                        .map(d -> new StatisticsView.DepartmentRow(
                                d.id(),
                                d.code(),
                                d.nameZh(),
                                d.nameEn(),
                                d.regionCode(),
                                d.places(),
                                rate(d.absent(), d.places()),
                                rate(d.late(), d.places()),
                                d.signed(),
                                round(d.medianHours(), 1)))
                        .toList();
        List<StatisticsView.LowComment> lowest =
                queries.lowestComments(start, end, county, config.lowestComments()).stream()
                        .map(l -> new StatisticsView.LowComment(
                                l.score(),
                                l.comment(),
                                l.ratedAt(),
                                l.projectCode(),
                                l.projectName(),
                                l.countyCode(),
                                l.number()))
                        .toList();
        return new StatisticsView(
                period.from().toString(),
                period.to().toString(),
                county,
                zone.getId(),
                clock.instant(),
                total,
                rows,
                departments,
                new StatisticsView.Satisfaction(distribution, lowest),
                trend);
    }

    /** The county ranking of {@code month}, with each county's rank in the month before. */
    public RankingView ranking(YearMonth month) {
        RankingView.Weights weights = weights();
        RankingPolicy policy = new RankingPolicy(weights);
        YearMonth previous = month.minusMonths(1);
        return new RankingView(
                month.toString(),
                previous.toString(),
                weights,
                RankingPolicy.TIE_BREAK,
                policy.rank(rankingInputs(month), rankingInputs(previous)));
    }

    public RankingView.Weights weights() {
        StatisticsConfig.Ranking r = config.ranking();
        return new RankingView.Weights(r.onTime(), r.firstPass(), r.speed(), r.visits(), r.satisfaction());
    }

    private List<RankingPolicy.Input> rankingInputs(YearMonth month) {
        Map<String, CaseAgg> byCounty = group(queries.caseCells(month, month, null), c -> c.county);
        Map<String, Long> ratings = queries.ratings(month, month, null);
        List<RankingPolicy.Input> inputs = new ArrayList<>();
        for (String[] c : queries.counties()) {
            CaseAgg a = byCounty.getOrDefault(c[0], CaseAgg.EMPTY);
            CaseFigures f = figures(a, stars(ratings, c[0]));
            Double speed = a.limitShare() == null ? null : round(100 * (1 - a.limitShare()), 1);
            inputs.add(new RankingPolicy.Input(
                    c[0],
                    c[1],
                    c[2],
                    a.decided(),
                    f.onTimeRate(),
                    f.firstPassRate(),
                    speed,
                    f.atMostOneVisitShare(),
                    f.satisfiedShare()));
        }
        return inputs;
    }

    /** The snapshot cells summed per key (county, month or "all"). */
    private static Map<String, CaseAgg> group(List<CaseCell> cells, Function<CaseCell, String> key) {
        Map<String, CaseCell> sums = new LinkedHashMap<>();
        for (CaseCell c : cells) {
            sums.computeIfAbsent(key.apply(c), k -> new CaseCell(k, k)).add(c);
        }
        Map<String, CaseAgg> out = new LinkedHashMap<>();
        sums.forEach((k, c) -> out.put(k, c.agg()));
        return out;
    }

    private static CaseFigures figures(CaseAgg a, long[] stars) {
        long n = a.decided();
        long ratingCount = 0;
        long starSum = 0;
        for (int i = 0; i < 5; i++) {
            ratingCount += stars[i];
            starSum += stars[i] * (i + 1);
        }
        BigDecimal yi = a.investment().divide(BigDecimal.valueOf(100_000_000L), 2, RoundingMode.HALF_UP);
        return new CaseFigures(
                n,
                a.approved(),
                yi,
                round(a.avgAccNet(), 2),
                a.medAccNet(),
                round(a.avgAccGross(), 2),
                a.medAccGross(),
                round(a.avgSubNet(), 2),
                a.medSubNet(),
                round(a.avgSubGross(), 2),
                a.medSubGross(),
                rate(a.onTime(), n),
                rate(a.firstPass(), n),
                n == 0 ? null : round((double) a.rounds() / n, 2),
                rate(a.zeroVisit(), n),
                rate(a.atMostOneVisit(), n),
                ratingCount,
                ratingCount == 0 ? null : round((double) starSum / ratingCount, 2),
                rate(stars[3] + stars[4], ratingCount));
    }

    /** Ratings per star (index 0 = 1 star) for one county, or all when {@code county} is null. */
    private static long[] stars(Map<String, Long> ratings, String county) {
        long[] s = new long[5];
        ratings.forEach((k, v) -> {
            int colon = k.lastIndexOf(':');
            if (county == null || k.substring(0, colon).equals(county)) {
                s[Integer.parseInt(k.substring(colon + 1)) - 1] += v;
            }
        });
        return s;
    }

    /** A percentage with one decimal, or null when there is nothing to divide by. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole, 1);
    }

    static Double round(Double v, int decimals) {
        return v == null
                ? null
                : BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
