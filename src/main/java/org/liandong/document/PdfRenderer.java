package org.liandong.document;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Turns our XHTML documents into PDF with openhtmltopdf (PDFBox). The CJK font ships inside the
 * application ({@code fonts/DroidSansFallbackFull.ttf}, Apache-2.0, see fonts/NOTICE.md) and is
 * embedded as a subset, so Chinese renders on any machine, installed fonts or not. Templates
 * must be well-formed XHTML and use {@code font-family: cjk}.
 */
@ApplicationScoped
public class PdfRenderer {

    /** The CSS font-family name under which the bundled font is registered. */
    public static final String FONT_FAMILY = "cjk";
    private static final String FONT = "/fonts/DroidSansFallbackFull.ttf";

    private final byte[] font;

    PdfRenderer() {
        try (InputStream in = PdfRenderer.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException(FONT + " is missing from the application");
            }
            this.font = in.readAllBytes(); // read once: ~4 MB, re-read per document would dominate rendering time
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> new ByteArrayInputStream(font), FONT_FAMILY);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a PDF failed", e);
        }
        return out.toByteArray();
    }
}
