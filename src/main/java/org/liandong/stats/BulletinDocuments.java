package org.liandong.stats;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The bulletin as XHTML (Qute), from its frozen {@link BulletinContent}: the same text is served as
 * HTML and rendered to PDF. Everything the template prints is prepared here as text.
 */
final class BulletinDocuments {

    private BulletinDocuments() {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bulletin(Doc doc);
    }

    record Doc(
            String issuer,
            String title,
            String publishedOn,
            List<String> headlines,
            Table counties,
            Table ranking,
            Table departments,
            List<String> lowComments,
            String trendChart,
            String onTimeChart,
            String satisfactionChart,
            List<Definition> definitions) {}

    record Table(List<String> header, List<List<String>> rows) {}

    record Definition(String name, String unit, String text) {}

    static String html(BulletinContent c, ZoneId zone) {
        StatisticsView s = c.statistics();
        YearMonth m = YearMonth.parse(c.month());
        StatisticsView.CaseFigures t = s.total();
        List<String> headlines = List.of(
                "全市通过远程视频联审办结项目 " + t.decided() + " 件，其中准予许可 " + t.approved() + " 件，涉及总投资 "
                        + t.approvedInvestment().toPlainString() + " 亿元。",
                "受理至决定平均用时 " + f(t.avgDaysFromAcceptanceNet()) + " 个工作日（扣除补正期间；含补正期间 "
                        + f(t.avgDaysFromAcceptanceGross()) + " 个工作日），按时办结率 " + pct(t.onTimeRate()) + "，一次通过率 "
                        + pct(t.firstPassRate()) + "。",
                "零跑腿项目占 " + pct(t.zeroVisitShare()) + "，最多跑一次项目占 " + pct(t.atMostOneVisitShare()) + "。",
                "收到评价 " + t.ratings() + " 条，平均 " + f(t.meanRating()) + " 星，满意率（4–5星）" + pct(t.satisfiedShare()) + "。");
        Table counties = new Table(
                List.of("区县", "办结（件）", "准予投资（亿元）", "平均用时（扣除补正）", "平均用时（含补正）", "按时办结率", "一次通过率", "零跑腿", "最多跑一次", "满意率"),
                s.counties().stream()
                        .map(r -> List.of(
                                r.nameZh(),
                                String.valueOf(r.figures().decided()),
                                r.figures().approvedInvestment().toPlainString(),
                                f(r.figures().avgDaysFromAcceptanceNet()),
                                f(r.figures().avgDaysFromAcceptanceGross()),
                                pct(r.figures().onTimeRate()),
                                pct(r.figures().firstPassRate()),
                                pct(r.figures().zeroVisitShare()),
                                pct(r.figures().atMostOneVisitShare()),
                                pct(r.figures().satisfiedShare())))
                        .toList());
        Table ranking = new Table(
                List.of("排名", "区县", "综合得分", "较上月", "按时办结率", "一次通过率", "办理速度", "最多跑一次", "满意率"),
                c.ranking().rows().stream()
                        .map(r -> List.of(
                                r.rank() == null ? "未排名" : String.valueOf(r.rank()),
                                r.nameZh(),
                                f(r.score()),
                                change(r),
                                pct(r.onTimeRate()),
                                pct(r.firstPassRate()),
                                f(r.speed()),
                                pct(r.atMostOneVisitShare()),
                                pct(r.satisfiedShare())))
                        .toList());
        Table departments = new Table(
                List.of("部门", "必须到会（次）", "缺席率", "迟到率", "签署意见（份）", "签署用时中位数（小时）"),
                s.departments().stream()
                        .map(d -> List.of(
                                d.nameZh(),
                                String.valueOf(d.requiredPlaces()),
                                pct(d.absentRate()),
                                pct(d.lateRate()),
                                String.valueOf(d.opinionsSigned()),
                                f(d.medianOpinionHours())))
                        .toList());
        List<String> low = s.satisfaction().lowest().stream()
                .map(l -> l.score() + "星 · " + l.projectCode() + " " + l.projectName() + "：" + l.comment())
                .toList();
        List<Definition> defs = new ArrayList<>();
        for (Figure fig : Figure.values()) {
            defs.add(new Definition(fig.nameZh, fig.unit.zh, fig.definitionZh));
        }
        Doc doc = new Doc(
                c.issuer(),
                m.getYear() + "年" + m.getMonthValue() + "月投资项目远程视频联审工作通报",
                DateTimeFormatter.ofPattern("yyyy年M月d日").format(c.publishedAt().atZone(zone)),
                headlines,
                counties,
                ranking,
                departments,
                low,
                BulletinCharts.trend(c.halfYear().trend()),
                BulletinCharts.onTime(s.counties()),
                BulletinCharts.satisfaction(s.satisfaction().distribution()),
                defs);
        return Templates.bulletin(doc).render();
    }

    private static String change(RankingView.Row r) {
        if (r.rank() == null) {
            return "—";
        }
        if (r.change() == null) {
            return "新进";
        }
        return r.change() > 0 ? "↑" + r.change() : r.change() < 0 ? "↓" + (-r.change()) : "持平";
    }

    private static String f(Double v) {
        return v == null ? "—" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String pct(Double v) {
        return v == null ? "—" : f(v) + "%";
    }
}
