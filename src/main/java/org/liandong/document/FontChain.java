package org.liandong.document;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The fonts every document is printed with, in fallback order: for each character openhtmltopdf
 * (and {@link SealedOfds}) takes the first font of the chain that has a glyph for it. They ship
 * inside the application ({@code src/main/resources/fonts}, licences in {@code fonts/NOTICE.md}).
 * <p>
 * Lifecycle: each font is read and parsed once, on first use, and then shared by every render on
 * every thread (HanaMinB alone is 30 MB; parsing it per document was most of a render's cost).
 * FontBox's {@link TrueTypeFont} synchronizes its table reads, which is what lets PDFBox share
 * parsed fonts between documents; we never close them (they live as long as the application).
 */
@ApplicationScoped
public class FontChain {

    /**
     * One font of the chain and the CSS family name it is registered under. Its bytes, parsed form
     * and file are produced on first use and kept.
     */
    public static final class Face {
        private final String family;
        private final String resource;
        private volatile byte[] bytes;
        private volatile TrueTypeFont parsed;
        private volatile Path file;

        Face(String family, String resource) {
            this.family = family;
            this.resource = resource;
        }

        public String family() {
            return family;
        }

        public String resource() {
            return resource;
        }

        /** The font file's bytes. */
        public byte[] bytes() {
            byte[] b = bytes;
            if (b == null) {
                synchronized (this) {
                    if (bytes == null) {
                        try (InputStream in = FontChain.class.getResourceAsStream(resource)) {
                            if (in == null) {
                                throw new IllegalStateException(resource + " is missing from the application");
                            }
                            bytes = in.readAllBytes();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    b = bytes;
                }
            }
            return b;
        }

        /** The parsed font, shared: pass it to PDFBox, never close it. */
        public TrueTypeFont parsed() {
            TrueTypeFont t = parsed;
            if (t == null) {
                synchronized (this) {
                    if (parsed == null) {
                        try {
                            parsed = new TTFParser().parse(new RandomAccessReadBuffer(bytes()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(resource + " does not parse", e);
                        }
                    }
                    t = parsed;
                }
            }
            return t;
        }

        /** The font as a file (a temporary copy, deleted at exit), for libraries that embed fonts by path. */
        public Path file() {
            Path f = file;
            if (f == null) {
                synchronized (this) {
                    if (file == null) {
                        try {
                            Path tmp = Files.createTempFile(
                                    "liandong-font-", resource.substring(resource.lastIndexOf('/') + 1));
                            tmp.toFile().deleteOnExit();
                            Files.write(tmp, bytes());
                            file = tmp;
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot copy " + resource + " to a file", e);
                        }
                    }
                    f = file;
                }
            }
            return f;
        }

        private volatile CmapLookup cmap;

        /** Whether the font has a glyph for the code point. */
        public boolean covers(int codePoint) {
            CmapLookup c = cmap;
            if (c == null) {
                try {
                    c = parsed().getUnicodeCmapLookup();
                } catch (IOException e) {
                    throw new UncheckedIOException(resource + " has no Unicode cmap", e);
                }
                cmap = c;
            }
            return c.getGlyphId(codePoint) > 0;
        }
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
    static final List<String> RESOURCES = List.of(
            "/fonts/DroidSansFallbackFull.ttf",
            "/fonts/DejaVuSans.ttf",
            "/fonts/HanaMinA-Liandong.ttf",
            "/fonts/HanaMinB.ttf");

    private final List<Face> faces;

    FontChain() {
        List<Face> declared = new ArrayList<>();
        for (int i = 0; i < RESOURCES.size(); i++) {
            declared.add(new Face(FAMILIES.get(i), RESOURCES.get(i)));
        }
        this.faces = List.copyOf(declared);
    }

    /** The code points of {@code text} that no font of the chain can draw (they would print as '#'). */
    public List<Integer> missing(String text) {
        return text.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp))
                .filter(cp -> faceFor(cp) == null)
                .boxed()
                .toList();
    }

    /** The first font of the chain that draws {@code codePoint}, or null when none does. */
    public Face faceFor(int codePoint) {
        for (Face f : faces) {
            if (f.covers(codePoint)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The faces a document needs: the first (it sets the line metrics) and every face that is the
     * first to draw some character of {@code text}. A decision without rare characters needs two of
     * the four, and each face a render registers costs a PDType0Font per document (PDFBox builds its
     * widths table over every glyph: tens of thousands for Droid Sans Fallback and HanaMinB).
     */
    public java.util.Set<Face> facesFor(String text) {
        java.util.Set<Face> used = new java.util.HashSet<>();
        used.add(faces.get(0));
        text.codePoints().distinct().forEach(cp -> {
            Face f = faceFor(cp);
            if (f != null) {
                used.add(f);
            }
        });
        return used;
    }

    public List<Face> faces() {
        return faces;
    }

    /** The first font: it has the common Chinese characters and draws the seal's text. */
    public byte[] primary() {
        return faces.get(0).bytes();
    }
}
