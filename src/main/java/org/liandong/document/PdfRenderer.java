package org.liandong.document;

import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PagePosition;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.Box;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Turns our XHTML documents into PDF/A-2b (ISO 19005-2, level B: the archival form DA/T 47 accepts
 * for fixed-layout records) with openhtmltopdf (PDFBox): every font embedded as a subset, an sRGB
 * output intent, XMP metadata. Fonts come from {@link FontChain}, which travels inside the
 * application, so every character renders on any machine. Templates must be well-formed XHTML
 * and name the whole chain, {@code font-family: cjk, cjk-latin, cjk-bmp, cjk-sip}
 * ({@link FontChain#CSS_STACK}; with {@code cjk} alone, Latin letters, digits and the rarer
 * characters are missing from the PDF/A); a box with {@code id="seal"} reserves the spot for the
 * visible seal, reported in {@link RenderedPdf#sealSpot()}.
 */
@ApplicationScoped
public class PdfRenderer {

    private static final Pattern SEAL_ID = Pattern.compile("seal");
    /** sRGB IEC 61966-2.1, the output intent PDF/A needs for device RGB colours (the red header). */
    private static final byte[] SRGB =
            ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private final FontChain fonts;

    PdfRenderer(FontChain fonts) {
        this.fonts = fonts;
    }

    /** A PDF/A-2b of the document, unsigned. */
    public byte[] render(String xhtml) {
        return layout(xhtml).pdf();
    }

    /** A PDF/A-2b of the document and where its template put the seal, ready for {@link PadesSigner}. */
    public RenderedPdf layout(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_B);
        builder.useColorProfile(SRGB);
        builder.withProducer("Liandong (openhtmltopdf, PDFBox)");
        PDDocument doc = new PDDocument();
        builder.usePDDocument(doc);
        java.util.Set<FontChain.Face> needed = fonts.facesFor(xhtml); // openhtmltopdf loads every registered one
        for (FontChain.Face face : fonts.faces()) {
            if (needed.contains(face)) {
                builder.useFont(
                        new SharedFont(doc, face), face.family(), 400, PdfRendererBuilder.FontStyle.NORMAL, true);
            }
        }
        builder.withHtmlContent(xhtml, null);
        Optional<SealSpot> spot;
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            renderer.createPDFWithoutClosing(); // positions are known only after drawing and before closing
            List<PagePosition<Box>> positions = renderer.findPagePositionsByID(SEAL_ID);
            spot = positions.stream()
                    .findFirst()
                    .map(p -> new SealSpot(p.getPageNo(), p.getX(), p.getY(), p.getWidth(), p.getHeight()));
            renderer.getPdfDocument().save(out);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a PDF failed", e);
        }
        return new RenderedPdf(out.toByteArray(), spot);
    }

    /**
     * A font of the chain for one document: the parsed font is shared ({@link FontChain.Face#parsed()}),
     * only the subset embedded in this document is new. Made when openhtmltopdf first needs the
     * family, so a document that never falls back to HanaMinB never touches it.
     */
    private static final class SharedFont extends PDFontSupplier {
        private final PDDocument doc;
        private final FontChain.Face face;
        private PDFont font;

        SharedFont(PDDocument doc, FontChain.Face face) {
            super(null);
            this.doc = doc;
            this.face = face;
        }

        @Override
        public PDFont supply() {
            if (font == null) {
                try {
                    font = PDType0Font.load(doc, face.parsed(), true);
                } catch (IOException e) {
                    throw new UncheckedIOException(face.resource() + " cannot be embedded", e);
                }
            }
            return font;
        }
    }
}
