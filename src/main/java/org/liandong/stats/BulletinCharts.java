package org.liandong.stats;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The bulletin's charts, drawn on the server with JFreeChart as PNG data URIs that the XHTML embeds
 * (the same picture in the HTML and the PDF). Labels use the bundled CJK font
 * ({@code fonts/DroidSansFallbackFull.ttf}), so Chinese renders without installed fonts.
 */
final class BulletinCharts {

    private static final StandardChartTheme THEME;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // a server: never look for a display
        }
        try (InputStream in = BulletinCharts.class.getResourceAsStream("/fonts/DroidSansFallbackFull.ttf")) {
            Font base = Font.createFont(Font.TRUETYPE_FONT, in);
            THEME = new StandardChartTheme("liandong");
            THEME.setExtraLargeFont(base.deriveFont(Font.BOLD, 16f));
            THEME.setLargeFont(base.deriveFont(13f));
            THEME.setRegularFont(base.deriveFont(11f));
            THEME.setSmallFont(base.deriveFont(10f));
            THEME.setPlotBackgroundPaint(Color.WHITE);
            THEME.setRangeGridlinePaint(new Color(0xCCCCCC));
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("the bundled CJK font cannot be loaded", e);
        }
    }

    private BulletinCharts() {}

    /** Monthly average working days from acceptance, pauses excluded and included. */
    static String trend(List<StatisticsView.TrendPoint> trend) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (StatisticsView.TrendPoint p : trend) {
            d.addValue(p.avgDaysFromAcceptanceNet(), "扣除补正 pauses excluded", p.month());
            d.addValue(p.avgDaysFromAcceptanceGross(), "含补正 pauses included", p.month());
        }
        return png(ChartFactory.createLineChart(
                "受理至决定平均用时（工作日）", null, "工作日", d, PlotOrientation.VERTICAL, true, false, false));
    }

    /** On-time rate per county, as bars. */
    static String onTime(List<StatisticsView.CountyRow> counties) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (StatisticsView.CountyRow c : counties) {
            d.addValue(c.figures().onTimeRate(), "按时办结率 %", c.nameZh());
        }
        return png(ChartFactory.createBarChart(
                "各区县按时办结率（%）", null, "%", d, PlotOrientation.VERTICAL, false, false, false));
    }

    /** Ratings per star. */
    static String satisfaction(long[] distribution) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (int i = 0; i < distribution.length; i++) {
            d.addValue(distribution[i], "评价数", (i + 1) + "星");
        }
        return png(
                ChartFactory.createBarChart("满意度评价分布（条）", null, "条", d, PlotOrientation.VERTICAL, false, false, false));
    }

    private static String png(JFreeChart chart) {
        THEME.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, 640, 300);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
