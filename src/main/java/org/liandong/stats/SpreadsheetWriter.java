package org.liandong.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes {@link StatisticsTables.Table}s as CSV or XLSX that open correctly in zh-CN Excel and WPS:
 * CSV in UTF-8 with a byte-order mark (without it Excel reads GBK and garbles Chinese), CRLF,
 * RFC 4180 quoting, and text cells that would start a formula prefixed with an apostrophe (CSV
 * injection); XLSX through Apache POI, numbers as numeric cells, text as text (never a formula).
 */
final class SpreadsheetWriter {

    private SpreadsheetWriter() {}

    static byte[] csv(StatisticsTables.Table t) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        line(sb, t.header().stream().map(Object.class::cast).toList());
        t.rows().forEach(r -> line(sb, r));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csvCell(cells.get(i)));
        }
        sb.append("\r\n");
    }

    private static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number n) {
            return n instanceof BigDecimal b ? b.toPlainString() : n.toString();
        }
        String s = v.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.matches("(?s).*[,\"\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static byte[] xlsx(List<StatisticsTables.Table> tables) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            bold.setWrapText(true);
            for (StatisticsTables.Table t : tables) {
                Sheet sheet = wb.createSheet(t.name());
                Row head = sheet.createRow(0);
                for (int i = 0; i < t.header().size(); i++) {
                    Cell c = head.createCell(i);
                    c.setCellValue(t.header().get(i));
                    c.setCellStyle(bold);
                    sheet.setColumnWidth(i, 20 * 256);
                }
                int r = 1;
                for (List<Object> row : t.rows()) {
                    Row x = sheet.createRow(r++);
                    for (int i = 0; i < row.size(); i++) {
                        Object v = row.get(i);
                        if (v instanceof Number n) {
                            x.createCell(i).setCellValue(n.doubleValue());
                        } else if (v != null) {
                            x.createCell(i).setCellValue(v.toString());
                        }
                    }
                }
                sheet.createFreezePane(0, 1);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the spreadsheet failed", e);
        }
    }
}
