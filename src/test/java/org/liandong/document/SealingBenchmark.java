package org.liandong.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (bench/sealing.sh). Issuing one decision-sized document, in the same run
 * and interleaved round by round: (a) the previous way, render + a detached SHA256withRSA signature
 * over the file; (b) render + embedded PAdES B-B with the seal image; (c) B-T with a time-stamp
 * authority on loopback. Rendering is the same PDF/A renderer in all three, so the difference is
 * what signing inside the PDF costs. Figures go to target/bench/sealing.txt; nothing is asserted.
 * {@link #fontsParsedOnceAgainstPerRender} compares sharing parsed fonts with parsing them per render.
 */
class SealingBenchmark {

    static final int ROUNDS = Integer.getInteger("bench.rounds", 40);
    static final int WARMUP = Integer.getInteger("bench.warmup", 5);

    @Test
    void detachedAgainstEmbedded() throws Exception {
        FontChain fonts = new FontChain();
        PdfRenderer renderer = new PdfRenderer(fonts);
        SealedPdfs sealed = new SealedPdfs(renderer, fonts);
        SealKey key = TestPki.seal("淄博市行政审批服务局");
        String xhtml = document();
        List<Double> detached = new ArrayList<>();
        List<Double> embedded = new ArrayList<>();
        List<Double> stamped = new ArrayList<>();
        long detachedBytes = 0;
        long embeddedBytes = 0;
        try (TestTsa tsa = new TestTsa().open()) {
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                long t0 = System.nanoTime();
                byte[] pdf = renderer.render(xhtml);
                Signature s = Signature.getInstance(key.algorithm());
                s.initSign(key.key());
                s.update(pdf);
                String signature = Base64.getEncoder().encodeToString(s.sign());
                long t1 = System.nanoTime();
                byte[] b = sealed.issue(xhtml, key, claims(), "淄博市行政审批服务局", Optional.empty());
                long t2 = System.nanoTime();
                sealed.issue(xhtml, key, claims(), "淄博市行政审批服务局", Optional.of(tsa.url()));
                long t3 = System.nanoTime();
                if (i >= WARMUP) {
                    detached.add((t1 - t0) / 1e6);
                    embedded.add((t2 - t1) / 1e6);
                    stamped.add((t3 - t2) / 1e6);
                    detachedBytes = pdf.length + signature.length();
                    embeddedBytes = b.length;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "rounds=%d warmup=%d detached: pdf+signature=%d bytes, embedded pdf=%d bytes%n",
                ROUNDS,
                WARMUP,
                detachedBytes,
                embeddedBytes));
        out.append(line("render + detached SHA256withRSA (before)", detached));
        out.append(line("render + embedded PAdES B-B + seal", embedded));
        out.append(line("render + embedded PAdES B-T (loopback TSA)", stamped));
        out.append(String.format(Locale.ROOT, "ratio p50 B-B/detached = %.2f%n", p(embedded, 0.5) / p(detached, 0.5)));
        Path file = Path.of("target/bench/sealing.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println(out);
    }

    /**
     * Fonts parsed once and shared (today) against parsed per render (before), interleaved round by
     * round: the same decision-sized page issued with the embedded PAdES B-B signature and seal. The
     * "before" renderer is the previous {@code PdfRenderer.layout}, kept here as the reference. A third
     * row issues the same page as OFD with the SM2 e-seal, which the SM2/OFD profile adds to issuing.
     * Figures go to target/bench/fonts.txt.
     */
    @Test
    void fontsParsedOnceAgainstPerRender() throws Exception {
        FontChain fonts = new FontChain();
        SealedPdfs sealed = new SealedPdfs(new PdfRenderer(fonts), fonts);
        SealKey key = TestPki.seal("淄博市行政审批服务局");
        String xhtml = document();
        SealStamp seal = SealStamp.of(SealImage.draw("淄博市行政审批服务局", SealedPdfs.SEAL_PURPOSE, 480, fonts.primary()));
        SealedOfds ofds = new SealedOfds(fonts);
        Path sm2 = Files.createTempDirectory("bench-sm2").resolve("seal-sm2.p12");
        SealKey sm2Key = Sm2SealKeys.load(sm2, true, "bench".toCharArray(), "seal", "淄博市行政审批服务局", Instant.now());
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        List<Double> ofd = new ArrayList<>();
        long ofdBytes = 0;
        for (int i = 0; i < WARMUP + ROUNDS; i++) {
            long t0 = System.nanoTime();
            PadesSigner.sign(
                    layoutParsingFontsPerRender(fonts, xhtml), key, claims(), Optional.of(seal), Optional.empty());
            long t1 = System.nanoTime();
            sealed.issue(xhtml, key, claims(), "淄博市行政审批服务局", Optional.empty());
            long t2 = System.nanoTime();
            ofdBytes = ofds.issue(xhtml, sm2Key, "淄博市行政审批服务局", Instant.now()).length;
            long t3 = System.nanoTime();
            if (i >= WARMUP) {
                before.add((t1 - t0) / 1e6);
                after.add((t2 - t1) / 1e6);
                ofd.add((t3 - t2) / 1e6);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "rounds=%d warmup=%d (issue = render PDF/A-2b + PAdES B-B + seal)%n", ROUNDS, WARMUP));
        out.append(line("fonts parsed per render (before)", before));
        out.append(line("fonts parsed once, shared (after)", after));
        out.append(String.format(
                Locale.ROOT,
                "ratio after/before p50 = %.2f  p95 = %.2f%n",
                p(after, 0.5) / p(before, 0.5),
                p(after, 0.95) / p(before, 0.95)));
        out.append(line("same page as OFD + SM2 e-seal (SM2/OFD)", ofd));
        out.append(String.format(
                Locale.ROOT, "OFD size %d bytes (fonts embedded whole; this page needs HanaMinB)%n", ofdBytes));
        Path file = Path.of("target/bench/fonts.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println(out);
    }

    /** The previous PdfRenderer.layout: every font handed to openhtmltopdf as bytes, parsed again per document. */
    private static RenderedPdf layoutParsingFontsPerRender(FontChain fonts, String xhtml) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        com.openhtmltopdf.pdfboxout.PdfRendererBuilder builder = new com.openhtmltopdf.pdfboxout.PdfRendererBuilder();
        builder.useFastMode();
        builder.usePdfAConformance(com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance.PDFA_2_B);
        builder.useColorProfile(java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB)
                .getData());
        for (FontChain.Face face : fonts.faces()) {
            builder.useFont(
                    () -> new java.io.ByteArrayInputStream(face.bytes()),
                    face.family(),
                    400,
                    com.openhtmltopdf.pdfboxout.PdfRendererBuilder.FontStyle.NORMAL,
                    true);
        }
        builder.withHtmlContent(xhtml, null);
        Optional<SealSpot> spot;
        try (com.openhtmltopdf.pdfboxout.PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            renderer.createPDFWithoutClosing();
            spot = renderer.findPagePositionsByID(java.util.regex.Pattern.compile("seal")).stream()
                    .findFirst()
                    .map(p -> new SealSpot(p.getPageNo(), p.getX(), p.getY(), p.getWidth(), p.getHeight()));
            renderer.getPdfDocument().save(out);
        }
        return new RenderedPdf(out.toByteArray(), spot);
    }

    private static PadesSigner.Claims claims() {
        return new PadesSigner.Claims("淄博市行政审批服务局", "联审决定书", "淄川区", Instant.now());
    }

    /** A decision-sized page: header, a table of five opinions, the seal spot. */
    private static String document() {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            rows.append("<tr><td>淄博市第")
                    .append(i)
                    .append("审批部门</td><td>附条件同意</td><td>符合产业政策，需落实节能审查意见；废水须达标排放。依据：《企业投资项目核准和备案管理条例》第十一条</td></tr>");
        }
        return "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\"><head><meta charset=\"UTF-8\" /><title>决定书</title>"
                + "<style>body { font-family: " + FontChain.CSS_STACK
                + "; } table { width: 100%; } .seal { float: right; width: 40mm; height: 40mm; }</style>"
                + "</head><body><h1>投资项目远程视频联审决定书</h1><p>淄联审〔2026〕17号</p><p>淄博𠀀䶮新材料有限公司：</p><table>" + rows
                + "</table><div class=\"seal\" id=\"seal\"></div><p>淄博市行政审批服务局<br />2026年11月29日</p></body></html>";
    }

    private static double p(List<Double> ms, double q) {
        List<Double> s = ms.stream().sorted().toList();
        return s.get((int) Math.floor(q * (s.size() - 1)));
    }

    private static String line(String name, List<Double> ms) {
        return String.format(
                Locale.ROOT,
                "%-44s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n",
                name,
                p(ms, 0.5),
                p(ms, 0.95),
                ms.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
}
