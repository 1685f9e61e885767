package org.liandong.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV that Excel and WPS on zh-CN Windows open as UTF-8 and never run as formulas (OWASP "CSV Injection"). */
class CsvTest {

    @Test
    void theFileStartsWithAUtf8ByteOrderMarkAndEndsLinesWithCrlf() {
        String doc = Csv.document(List.of("name", "部门"), List.of(List.of("王主任", "淄博市发展和改革委员会")));
        assertTrue(doc.startsWith("\uFEFFname,部门\r\n"), doc);
        assertTrue(doc.endsWith("王主任,淄博市发展和改革委员会\r\n"), doc);
    }

    @Test
    void cellsStartingLikeAFormulaAreNeutralisedAndQuoted() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"http://evil\",\"x\")"));
        assertEquals("\"'+1+cmd|' /C calc'!A0\"", Csv.cell("+1+cmd|' /C calc'!A0"));
        assertEquals("\"'-2+3\"", Csv.cell("-2+3"));
        assertEquals("\"'@SUM(A1)\"", Csv.cell("@SUM(A1)"));
        assertEquals("\"'\tx\"", Csv.cell("\tx"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
    }

    @Test
    void ordinaryCellsStayAsTheyAreAndRfc4180QuotingStillApplies() {
        assertEquals("李科长", Csv.cell("李科长"));
        assertEquals("a=b", Csv.cell("a=b"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("", Csv.cell(null));
        assertEquals("-5", Csv.number(-5));
    }
}
