package org.liandong.document;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The fonts every document is printed with, in fallback order: for each character openhtmltopdf
 * takes the first font of the chain that has a glyph for it. They ship inside the application
 * ({@code src/main/resources/fonts}, licences in {@code fonts/NOTICE.md}) and are read once.
 */
@ApplicationScoped
public class FontChain {

    /** One font of the chain, as bytes, and the CSS family name it is registered under. */
    public record Face(String family, String resource, byte[] bytes) {
    }

    /**
     * The CSS {@code font-family} value naming the whole chain, for templates. openhtmltopdf falls
     * back per character only across the families of this list, not within one family name.
     */
    public static final String CSS_STACK = "cjk, cjk-latin, cjk-bmp, cjk-sip";
    private static final List<String> FAMILIES = List.of("cjk", "cjk-latin", "cjk-bmp", "cjk-sip");

    /**
     * Droid Sans Fallback (common Chinese, sans), DejaVu Sans (Latin, digits, Greek, Cyrillic,
     * symbols: Droid has no Latin), HanaMinA subset (what neither has in the BMP), HanaMinB (CJK
     * Extensions B–F). All TrueType (glyf) outlines, which PDFBox embeds as subsets.
     */
    static final List<String> RESOURCES = List.of("/fonts/DroidSansFallbackFull.ttf", "/fonts/DejaVuSans.ttf",
            "/fonts/HanaMinA-Liandong.ttf", "/fonts/HanaMinB.ttf");

    private final List<Face> faces;

    FontChain() {
        List<Face> loaded = new ArrayList<>();
        for (int i = 0; i < RESOURCES.size(); i++) {
            String resource = RESOURCES.get(i);
            try (InputStream in = FontChain.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the application");
                }
                loaded.add(new Face(FAMILIES.get(i), resource, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.faces = List.copyOf(loaded);
    }

    /** The code points of {@code text} that no font of the chain can draw (they would print as '#'). */
    public List<Integer> missing(String text) {
        return text.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp))
                .filter(cp -> cmaps().stream().noneMatch(c -> c.getGlyphId(cp) > 0)).boxed().toList();
    }

    private volatile List<CmapLookup> cmaps;

    private List<CmapLookup> cmaps() {
        if (cmaps == null) {
            List<CmapLookup> lookups = new ArrayList<>();
            for (Face f : faces) {
                try {
                    lookups.add(new TTFParser().parse(new RandomAccessReadBuffer(f.bytes())).getUnicodeCmapLookup());
                } catch (IOException e) {
                    throw new UncheckedIOException(f.resource() + " does not parse", e);
                }
            }
            cmaps = List.copyOf(lookups);
        }
        return cmaps;
    }

    public List<Face> faces() {
        return faces;
    }

    /** The first font: it has the common Chinese characters and draws the seal's text. */
    public byte[] primary() {
        return faces.get(0).bytes();
    }
}
