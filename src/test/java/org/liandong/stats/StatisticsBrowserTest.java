package org.liandong.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.liandong.support.Requires;

/**
 * e2e/statistics.mjs in Debian's Chromium over the dataset of {@link StatisticsTest}: charts drawn,
 * month changed, XLSX (opened here with Apache POI) and bulletin PDF downloaded. Screenshots in
 * target/e2e-statistics/, and docs/images/statistics.png.
 */
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
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        Requires.component(
                "playwright-core",
                Files.isDirectory(Path.of("e2e/node_modules/playwright-core")),
                "run 'npm ci' in e2e/");
        dataset.ensure();
        // Set-up, not the subject (StatisticsTest covers the endpoint): through the service, because rendering the
        // PDF on a loaded machine can outlast the HTTP client's 30 s read timeout.
        if (bulletins.findBulletin(YearMonth.of(2026, 4)).isEmpty()) {
            bulletins.publish(YearMonth.of(2026, 4), "coordinator");
        }
        Path dir = Path.of("target/e2e-statistics");
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("docs/images"));
        Path log = dir.resolve("statistics.log");
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/statistics.mjs")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", base.toString().replaceAll("/$", ""));
        pb.environment().put("SCREENSHOT_DIR", dir.toString());
        pb.environment().put("DOCS_SCREENSHOT", "docs/images/statistics.png");
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, "browser case timed out");
        assertTrue(output.contains("E2E-RESULTS"), "the script did not report its steps");
        assertEquals(0, p.exitValue(), "a browser step failed; see target/e2e-statistics/ and the output above");
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
