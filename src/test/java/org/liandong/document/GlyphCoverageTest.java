package org.liandong.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Every character of a record prints": a character with no glyph printed as '#' while the seal
 * said genuine. The kind is "a character outside the fonts"; its members are whole Unicode blocks
 * that GB 18030-2022 asks for, so the test covers every code point of each block against the
 * font chain, and prints the edges of each block into a PDF and reads them back.
 */
class GlyphCoverageTest {

    /**
     * Blocks of Chinese characters GB 18030-2022 encodes and the range of each that its
     * implementation levels require (level 1: URO and Extension A, with the 2022 URO additions;
     * level 2: Extension B; level 3: Extensions C–F), as assigned in Unicode at the time.
     */
    static final int[][] BLOCKS = {
        {0x4E00, 0x9FA5}, // URO, GB 2312/GBK two-byte
        {0x9FA6, 0x9FBB}, // URO additions incl. the 2005 PUA mappings moved to standard code points in 2022
        {0x3400, 0x4DB5}, // Extension A
        {0x20000, 0x2A6D6}, // Extension B
        {0x2A700, 0x2B734}, // Extension C
        {0x2B740, 0x2B81D}, // Extension D
        {0x2B820, 0x2CEA1}, // Extension E
        {0x2CEB0, 0x2EBE0}, // Extension F
        {0x2F00, 0x2FD5}, // Kangxi radicals
        {0xFE10, 0xFE19}, // vertical forms (PUA in 2005, standard in 2022)
        {0x3000, 0x3029}, // CJK symbols and punctuation (not the combining tone marks U+302A–F)
        {0xFF01, 0xFF5E}, // full-width ASCII
        {0x21, 0x7E}, // ASCII
        {0x0391, 0x03C9}, // Greek (GB 2312 row 6)
        {0x0410, 0x044F}, // Cyrillic (GB 2312 row 7)
    };

    static FontChain fonts;
    static PdfRenderer renderer;

    @BeforeAll
    static void load() {
        fonts = new FontChain();
        renderer = new PdfRenderer(fonts);
    }

    @Test
    void everyCodePointOfEveryRequiredBlockHasAGlyphInTheChain() {
        List<String> gaps = new ArrayList<>();
        int total = 0;
        for (int[] block : BLOCKS) {
            StringBuilder all = new StringBuilder();
            for (int cp = block[0]; cp <= block[1]; cp++) {
                if (Character.isDefined(cp) || cp >= 0x2A700) { // JDK 17 knows Unicode 13: C–F are defined there
                    all.appendCodePoint(cp);
                    total++;
                }
            }
            List<Integer> missing = fonts.missing(all.toString());
            if (!missing.isEmpty()) {
                gaps.add(String.format(
                        "U+%04X–U+%04X: %d missing, first U+%04X", block[0], block[1], missing.size(), missing.get(0)));
            }
        }
        System.out.println("glyph coverage: " + total + " code points checked");
        assertEquals(List.of(), gaps, "code points no font of the chain can print");
    }

    @Test
    void theReportedInputsAndTheEdgesOfEachBlockComeBackOutOfThePdfIdentical() throws IOException {
        List<String> lines = new ArrayList<>(List.of("淄博𠀀䶮新材料有限公司", "𠀀𠀁测试", "𪚥华", "Zībó ǚ Ω Ж №１２３", "〔2026〕17号"));
        for (int[] block : BLOCKS) {
            lines.add(new String(new int[] {block[0], block[0] + 1, block[1] - 1, block[1]}, 0, 4));
        }
        String text = extract(page(lines.stream().map(l -> "<p>" + l + "</p>").collect(Collectors.joining())));
        for (String line : lines) {
            assertTrue(text.contains(line), "PDF text lacks " + codePoints(line) + " (" + line + "):\n" + text);
        }
        assertTrue(!text.contains("#"), "a character printed as '#':\n" + text);
    }

    @Test
    void aLongUnbrokenNameStaysInsideThePage() throws IOException {
        String latin = "X".repeat(400);
        String han = "淄博𠀀".repeat(120);
        byte[] pdf =
                renderer.render(page("<table><tr><th>申请单位</th><td>" + latin + "</td></tr></table><p>" + han + "</p>"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            float width = doc.getPage(0).getMediaBox().getWidth();
            List<TextPosition> outside = new ArrayList<>();
            StringBuilder seen = new StringBuilder();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String s, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        seen.append(p.getUnicode());
                        if (p.getXDirAdj() < 0 || p.getXDirAdj() + p.getWidthDirAdj() > width + 0.5f) {
                            outside.add(p);
                        }
                    }
                }
            };
            stripper.getText(doc);
            assertEquals(
                    List.of(),
                    outside.stream()
                            .map(p -> p.getUnicode() + "@" + p.getXDirAdj())
                            .limit(5)
                            .toList(),
                    "glyphs beyond the page edge (" + width + " pt)");
            String all = seen.toString();
            assertEquals(400, all.chars().filter(c -> c == 'X').count(), "every X printed");
            assertEquals(120, all.split("𠀀", -1).length - 1, "every 𠀀 printed");
        }
    }

    static String page(String body) {
        return "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\"><head><meta charset=\"UTF-8\" />"
                + "<title>字形</title><style>@page { size: A4; margin: 20mm; } body { font-family: cjk, cjk-latin, cjk-bmp, cjk-sip; word-wrap: break-word; }"
                + " table { width: 100%; table-layout: fixed; } th { width: 24%; }</style></head><body>"
                + body + "</body></html>";
    }

    static String extract(String xhtml) throws IOException {
        try (PDDocument doc = Loader.loadPDF(renderer.render(xhtml))) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static String codePoints(String s) {
        return s.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).collect(Collectors.joining(" "));
    }
}
