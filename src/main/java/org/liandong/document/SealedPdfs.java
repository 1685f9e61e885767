package org.liandong.document;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues a document as a sealed PDF: renders the XHTML to PDF/A-2b, then signs it (PAdES B-B, or
 * B-T with a time-stamp authority) with the red seal drawn where the template put {@code id="seal"}.
 */
@ApplicationScoped
public class SealedPdfs {

    /** Seal raster size: 480 px over the 40 mm box is about 300 dpi, sharp in print. */
    private static final int SEAL_PIXELS = 480;
    /** What the seal says under the star. */
    public static final String SEAL_PURPOSE = "联审专用章";

    private final PdfRenderer renderer;
    private final FontChain fonts;
    /** Per issuer, drawn and encoded once (SealStamp). */
    private final Map<String, SealStamp> seals = new ConcurrentHashMap<>();

    SealedPdfs(PdfRenderer renderer, FontChain fonts) {
        this.renderer = renderer;
        this.fonts = fonts;
    }

    /**
     * @param issuer the body whose name goes round the seal
     * @param tsa    RFC 3161 time-stamp authority for PAdES B-T, or empty for B-B
     */
    public byte[] issue(String xhtml, SealKey key, PadesSigner.Claims claims, String issuer, Optional<URI> tsa) {
        RenderedPdf rendered = renderer.layout(xhtml);
        SealStamp seal = seals.computeIfAbsent(
                issuer, i -> SealStamp.of(SealImage.draw(i, SEAL_PURPOSE, SEAL_PIXELS, fonts.primary())));
        return PadesSigner.sign(rendered, key, claims, Optional.of(seal), tsa);
    }
}
