package org.liandong.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liandong.support.Ofdrw;
import org.ofdrw.gm.ses.v4.SES_Signature;
import org.ofdrw.sign.verify.exceptions.OFDVerifyException;

/**
 * The SM2/OFD profile (issue 17): an OFD (GB/T 33190) sealed with an SM2/SM3 e-seal (GB/T 38540).
 * ofdrw's own verifier accepts what we issue and rejects the file once one byte of a page's content
 * changed; the text, including characters outside the BMP, comes back out of the pages whole, each
 * character set in an embedded font (cut down to the document's glyphs) that has its outline.
 */
class SealedOfdsTest {

    static final String ISSUER = "淄博市行政审批服务局";
    static final List<String> INPUTS = List.of("淄博𠀀䶮新材料有限公司", "𠀀𠀁测试", "𪚥华", "Zībó ǚ Ω Ж №１２３", "〔2026〕17号");

    @TempDir
    static Path dir;

    static FontChain fonts;
    static SealedOfds ofds;
    static SealKey key;

    @BeforeAll
    static void issueOnce() {
        fonts = new FontChain();
        ofds = new SealedOfds(fonts);
        key = Sm2SealKeys.load(
                dir.resolve("seal/seal-sm2.p12"), true, "pw".toCharArray(), "seal", ISSUER, Instant.now());
    }

    @Test
    void theGeneratedSm2KeyIsKeptAndReused() {
        SealKey again = Sm2SealKeys.load(
                dir.resolve("seal/seal-sm2.p12"), false, "pw".toCharArray(), "seal", ISSUER, Instant.now());
        assertEquals(key.certificate(), again.certificate());
        assertEquals(
                GMObjectIdentifiers.sm2sign_with_sm3.getId(),
                again.certificate().getSigAlgOID(),
                "certificate signed SM3withSM2");
        assertThrows(
                IllegalStateException.class,
                () -> Sm2SealKeys.load(
                        dir.resolve("absent.p12"), false, "pw".toCharArray(), "seal", ISSUER, Instant.now()),
                "a configured keystore that is missing is an error, never silently generated");
    }

    @Test
    void ofdrwsVerifierAcceptsTheSealAndRejectsAChangedFile() throws Exception {
        byte[] ofd = ofds.issue(GlyphCoverageTest.page(decisionBody()), key, ISSUER, Instant.now());
        Ofdrw.verify(ofd); // throws when the seal does not verify
        Ofdrw.verify(Ofdrw.zip(Ofdrw.unzip(ofd))); // re-zipping alone changes nothing that is sealed

        Map<String, byte[]> entries = Ofdrw.unzip(ofd);
        SES_Signature ses = SES_Signature.getInstance(entries.entrySet().stream()
                .filter(e -> e.getKey().endsWith("SignedValue.dat"))
                .findFirst()
                .orElseThrow()
                .getValue());
        assertEquals(GMObjectIdentifiers.sm2sign_with_sm3, ses.getSignatureAlgID(), "signed SM3withSM2");
        assertEquals(
                ISSUER + SealedPdfs.SEAL_PURPOSE,
                ses.getToSign()
                        .getEseal()
                        .geteSealInfo()
                        .getProperty()
                        .getName()
                        .getString());
        assertTrue(Ofdrw.text(ofd).contains("淄联审〔2026〕17号"), Ofdrw.text(ofd));

        byte[] changed = Ofdrw.withOneByteChanged(ofd, "2026"); // 〔2026〕 → 〔3026〕
        assertTrue(Ofdrw.text(changed).contains("淄联审〔3026〕17号"), "the change is in the text");
        assertThrows(OFDVerifyException.class, () -> Ofdrw.verify(changed), "a changed page must fail verification");

        // the command-line check the README gives a records office
        java.nio.file.Files.write(dir.resolve("good.ofd"), ofd);
        java.nio.file.Files.write(dir.resolve("changed.ofd"), changed);
        assertEquals(null, OfdCheck.problem(dir.resolve("good.ofd")));
        assertTrue(OfdCheck.problem(dir.resolve("changed.ofd")) != null);
    }

    @Test
    void everyCharacterComesBackOutOfThePagesInAFontThatHasIt() throws Exception {
        List<String> lines = new ArrayList<>(INPUTS);
        for (int[] block : GlyphCoverageTest.BLOCKS) {
            lines.add(new String(new int[] {block[0], block[0] + 1, block[1] - 1, block[1]}, 0, 4));
        }
        byte[] ofd = ofds.issue(
                GlyphCoverageTest.page(
                        lines.stream().map(l -> "<p>" + l + "</p>").collect(Collectors.joining())),
                key,
                ISSUER,
                Instant.now());
        Map<String, byte[]> entries = Ofdrw.unzip(ofd);
        Map<String, String> fontFileById = new LinkedHashMap<>();
        Matcher f = Pattern.compile("<ofd:Font [^>]*ID=\"(\\d+)\"[^>]*>\\s*<ofd:FontFile>([^<]+)</ofd:FontFile>")
                .matcher(Ofdrw.xml(entries, "Res.xml"));
        while (f.find()) {
            fontFileById.put(f.group(1), f.group(2));
        }
        Map<String, TrueTypeFont> parsed = new java.util.HashMap<>();
        StringBuilder text = new StringBuilder();
        List<String> unembedded = new ArrayList<>();
        Matcher t = Pattern.compile(
                        "<ofd:TextObject [^>]*Font=\"(\\d+)\"[^>]*>.*?<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>",
                        Pattern.DOTALL)
                .matcher(Ofdrw.xml(entries, "Content.xml"));
        while (t.find()) {
            String run = Ofdrw.unescape(t.group(2));
            text.append(run);
            String file = fontFileById.get(t.group(1));
            if (file == null) {
                unembedded.add(run);
                continue;
            }
            assertTrue(
                    fonts.faces().stream()
                            .anyMatch(x -> file.endsWith(
                                    x.resource().substring(x.resource().lastIndexOf('/') + 1))),
                    "embedded font " + file + " is not one of the chain");
            TrueTypeFont embedded = parsed.computeIfAbsent(
                    file,
                    n -> parse(entries.entrySet().stream()
                            .filter(e -> e.getKey().endsWith("/" + n))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(n + " not in the package"))
                            .getValue()));
            for (int cp :
                    run.codePoints().filter(cp -> !Character.isWhitespace(cp)).toArray()) {
                int gid = embedded.getUnicodeCmapLookup().getGlyphId(cp);
                assertTrue(
                        gid > 0 && embedded.getGlyph().getGlyph(gid) != null,
                        String.format("U+%04X set in the embedded %s, which has no outline for it", cp, file));
            }
        }
        long fontBytes = entries.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".ttf"))
                .mapToLong(e -> e.getValue().length)
                .sum();
        assertTrue(
                fontBytes < 3_000_000, "embedded fonts are cut down to the document's glyphs: " + fontBytes + " bytes");
        assertEquals(List.of(), unembedded, "text set in a font not embedded in the package");
        String all = text.toString();
        for (String line : lines) {
            assertTrue(
                    all.contains(line),
                    "OFD text lacks " + GlyphCoverageTest.codePoints(line) + " (" + line + "):\n" + all);
        }
        assertTrue(
                entries.keySet().stream().anyMatch(n -> n.endsWith(".ttf")), "fonts are embedded: " + entries.keySet());
    }

    private static TrueTypeFont parse(byte[] font) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(font));
        } catch (java.io.IOException e) {
            throw new AssertionError("an embedded font does not parse", e);
        }
    }

    static String decisionBody() {
        return "<p class=\"redhead\">" + ISSUER + "</p><p class=\"number\">淄联审〔2026〕17号</p><h1>投资项目远程视频联审决定书</h1>"
                + "<p>淄博𠀀䶮新材料有限公司：</p><h2>许可条件</h2><ol><li>落实节能审查意见</li><li>废水达标排放</li></ol>"
                + "<table><tr><th>部门</th><td>市发展改革委</td><td>同意<br />签署：𪚥华 2026-11-29 10:00</td></tr></table>"
                + "<div class=\"sign\"><div class=\"seal\" id=\"seal\"></div><p>" + ISSUER
                + "<br />2026年11月29日</p></div>";
    }
}
