package org.liandong.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.support.BrowserCase;

/**
 * e2e/statistics.mjs in Debian's Chromium over the dataset of {@link StatisticsTest}: charts drawn,
 * month changed, XLSX (opened here with Apache POI) and bulletin PDF downloaded. Screenshots in
 * target/e2e-statistics/, and docs/images/statistics.png.
 */
@Tag("browser")
@QuarkusTest
class StatisticsBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    StatsDataset dataset;

    @Inject
    BulletinService bulletins;

    @Test
    void coordinatorSeesChartsAndDownloads() throws Exception {
        dataset.ensure();
        // Set-up, not the subject (StatisticsTest covers the endpoint): through the service, because rendering the
        // PDF on a loaded machine can outlast the HTTP client's 30 s read timeout.
        if (bulletins.findBulletin(YearMonth.of(2026, 4)).isEmpty()) {
            bulletins.publish(YearMonth.of(2026, 4), "coordinator");
        }
        Path dir = Path.of("target/e2e-statistics");
        Files.createDirectories(Path.of("docs/images"));
        BrowserCase.run("statistics.mjs", base, dir, Map.of("DOCS_SCREENSHOT", "docs/images/statistics.png"));
        try (InputStream in = Files.newInputStream(dir.resolve("statistics.xlsx"));
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(
                    "合计",
                    wb.getSheet("counties")
                            .getRow(wb.getSheet("counties").getLastRowNum())
                            .getCell(1)
                            .getStringCellValue());
        }
        byte[] pdf = Files.readAllBytes(dir.resolve("bulletin-2026-04.pdf"));
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
    }
}
