package org.liandong.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liandong.support.Pdfsig;
import org.liandong.support.VeraPdf;

/**
 * The embedded signature on its own (no application): PAdES B-B and B-T, checked by our own
 * verifier and by Poppler's pdfsig, with the seal drawn in the widget at the template's spot.
 */
class PadesSignerTest {

    static final String XHTML = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN"><head><meta charset="UTF-8" /><title>测试文书</title>
            <style>body { font-family: cjk, cjk-latin, cjk-bmp, cjk-sip; } .seal { float: right; width: 40mm; height: 40mm; }</style></head>
            <body><h1>投资项目远程视频联审决定书</h1><p>正文。</p>
            <div class="seal" id="seal"></div><p style="text-align:right">淄博市行政审批服务局<br />2026年11月29日</p></body></html>
            """;

    static PdfRenderer renderer;
    static SealedPdfs sealed;
    static SealKey key;

    @BeforeAll
    static void setUp() {
        FontChain fonts = new FontChain();
        renderer = new PdfRenderer(fonts);
        sealed = new SealedPdfs(renderer, fonts);
        key = TestPki.seal("淄博市行政审批服务局");
    }

    private static PadesSigner.Claims claims() {
        return new PadesSigner.Claims("淄博市行政审批服务局", "联审决定书 测试", "淄川区", Instant.now());
    }

    @Test
    void baselineBIsValidForPdfsigAndOneChangedByteBreaksIt() throws Exception {
        RenderedPdf rendered = renderer.layout(XHTML);
        assertTrue(rendered.sealSpot().isPresent(), "the template's seal box was found");
        byte[] pdf = sealed.issue(XHTML, key, claims(), "淄博市行政审批服务局", Optional.empty());

        EmbeddedSignatures.Check check = EmbeddedSignatures.check(pdf, key.certificate());
        assertTrue(check.signed() && check.valid(), check.toString());
        assertFalse(check.timestamped());
        assertFalse(
                EmbeddedSignatures.check(pdf, TestPki.seal("someone else").certificate())
                        .valid(),
                "another key's certificate");

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = doc.getLastSignatureDictionary();
            assertEquals("ETSI.CAdES.detached", sig.getSubFilter());
            SignerInformation signer = new CMSSignedData(
                            new CMSProcessableByteArray(sig.getSignedContent(pdf)), sig.getContents(pdf))
                    .getSignerInfos()
                    .getSigners()
                    .iterator()
                    .next();
            assertTrue(
                    signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null,
                    "ESS signing-certificate-v2");
            assertTrue(
                    signer.getSignedAttributes().get(PKCSObjectIdentifiers.pkcs_9_at_signingTime) == null,
                    "no signing-time (PAdES)");
            // The widget with the seal sits at the template's spot, printable.
            SealSpot spot = rendered.sealSpot().get();
            List<PDAnnotation> annotations = doc.getPage(spot.page()).getAnnotations();
            PDAnnotationWidget widget = (PDAnnotationWidget) annotations.stream()
                    .filter(a -> a instanceof PDAnnotationWidget)
                    .findFirst()
                    .orElseThrow();
            assertEquals(spot.x(), widget.getRectangle().getLowerLeftX(), 0.5);
            assertEquals(spot.y(), widget.getRectangle().getLowerLeftY(), 0.5);
            assertTrue(widget.isPrinted());
            Path out = Path.of("target", "document-sample");
            Files.createDirectories(out);
            Files.write(out.resolve("sealed.pdf"), pdf);
            ImageIO.write(
                    new PDFRenderer(doc).renderImageWithDPI(spot.page(), 80),
                    "png",
                    out.resolve("sealed-page.png").toFile());
        }

        assertEquals(List.of(), VeraPdf.violationsOfPdfA2b(rendered.pdf()), "rendered PDF/A-2b");
        assertEquals(List.of(), VeraPdf.violationsOfPdfA2b(pdf), "signed PDF/A-2b");

        Pdfsig.require();
        String report = Pdfsig.report(pdf);
        assertTrue(Pdfsig.validAndWhole(report), report);
        byte[] changed = pdf.clone();
        int[] range;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            range = doc.getLastSignatureDictionary().getByteRange();
        }
        changed[range[1] / 2] ^= 0x01; // inside the first signed range: the rendered document
        String broken = Pdfsig.report(changed);
        assertFalse(broken.contains("Signature is Valid."), broken);
        assertFalse(EmbeddedSignatures.check(changed, key.certificate()).valid());
    }

    @Test
    void baselineTCarriesATokenFromTheAuthorityOverTheSignatureValue() throws Exception {
        try (TestTsa tsa = new TestTsa().open()) {
            byte[] pdf = sealed.issue(XHTML, key, claims(), "淄博市行政审批服务局", Optional.of(tsa.url()));
            EmbeddedSignatures.Check check = EmbeddedSignatures.check(pdf, key.certificate());
            assertTrue(check.valid() && check.timestamped(), check.toString());
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                PDSignature sig = doc.getLastSignatureDictionary();
                SignerInformation signer = new CMSSignedData(
                                new CMSProcessableByteArray(sig.getSignedContent(pdf)), sig.getContents(pdf))
                        .getSignerInfos()
                        .getSigners()
                        .iterator()
                        .next();
                TimeStampToken token = new TimeStampToken(new CMSSignedData(signer.getUnsignedAttributes()
                        .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                        .getAttrValues()
                        .getObjectAt(0)
                        .toASN1Primitive()
                        .getEncoded()));
                token.validate(
                        new JcaSimpleSignerInfoVerifierBuilder().build(tsa.key().certificate()));
                assertTrue(
                        MessageDigest.isEqual(
                                MessageDigest.getInstance("SHA-256").digest(signer.getSignature()),
                                token.getTimeStampInfo().getMessageImprintDigest()),
                        "the token stamps this signature");
            }
            Pdfsig.require();
            String report = Pdfsig.report(pdf);
            assertTrue(Pdfsig.validAndWhole(report), report);
        }
    }

    @Test
    void aDeadAuthorityFailsTheIssueInsteadOfSilentlyDowngrading() {
        TestTsa tsa = new TestTsa().open();
        java.net.URI url = tsa.url();
        tsa.close();
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class, () -> sealed.issue(XHTML, key, claims(), "淄博市行政审批服务局", Optional.of(url)));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        assertTrue(chain.toString().contains("time-stamp authority"), chain.toString());
    }
}
