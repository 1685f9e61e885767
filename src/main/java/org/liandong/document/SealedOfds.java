package org.liandong.document;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.ofdrw.font.Font;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v4.SES_CertList;
import org.ofdrw.gm.ses.v4.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v4.SES_SealInfo;
import org.ofdrw.gm.ses.v4.SESeal;
import org.ofdrw.layout.OFDDoc;
import org.ofdrw.layout.PageLayout;
import org.ofdrw.layout.element.Paragraph;
import org.ofdrw.layout.element.Span;
import org.ofdrw.layout.element.TextAlign;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.sign.NumberFormatAtomicSignID;
import org.ofdrw.sign.OFDSigner;
import org.ofdrw.sign.SignMode;
import org.ofdrw.sign.signContainer.SESV4Container;
import org.ofdrw.sign.stamppos.NormalStampPos;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Issues a document as OFD (GB/T 33190) with an SM2/SM3 electronic seal structured as GB/T 38540
 * (SES_Signature v4 over the package's Signature.xml, the seal image shown on the last page),
 * through ofdrw. The text comes from the same XHTML as the PDF, laid out again as plain
 * paragraphs (headings, paragraphs, list items, table rows): OFD is the archival twin of the PDF,
 * not a pixel copy. Every run of characters is set in the first font of {@link FontChain} that has
 * them, and those fonts are embedded in the package, so the text renders on any reader.
 * <p>
 * Caveats, honestly: the e-seal is made and signed with the body's own SM2 key (no seal-making
 * authority, no certified device), so it proves integrity and origin from this installation, like
 * the self-signed RSA default; ofdrw itself labels its containers "for testing". ofdrw embeds
 * font files whole, so each is first cut down to this document's glyphs ({@link GlyphSubset}).
 */
@ApplicationScoped
public class SealedOfds {

    /** Body text size, points converted to millimetres (ofdrw lays out in mm): 10.5 pt (五号). */
    private static final double BODY = 10.5 * 25.4 / 72;
    /** Seal box on the page, millimetres: 40 mm like the PDF's. */
    private static final double SEAL_MM = 40;

    private static final int SEAL_PIXELS = 480;

    private final FontChain fonts;
    private final Map<FontChain.Face, double[]> asciiWidths = new ConcurrentHashMap<>();
    private final Map<String, byte[]> sealImages = new ConcurrentHashMap<>();

    SealedOfds(FontChain fonts) {
        this.fonts = fonts;
    }

    /**
     * @param xhtml  the document as our templates render it (well-formed XHTML)
     * @param key    the SM2 key and its certificate ({@link Sm2SealKeys})
     * @param issuer the body named round the seal image and in the e-seal's name
     * @param now    the e-seal's creation time (its validity starts then)
     * @return the signed OFD package (a ZIP)
     */
    public byte[] issue(String xhtml, SealKey key, String issuer, Instant now) {
        byte[] unsigned = layout(xhtml);
        try (OFDReader reader = new OFDReader(new ByteArrayInputStream(unsigned))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int pages = reader.getNumberOfPages();
            try (OFDSigner signer = new OFDSigner(reader, out, new NumberFormatAtomicSignID())) {
                signer.setSignMode(SignMode.WholeProtected);
                signer.setSignContainer(new SESV4Container(key.key(), seal(key, issuer, now), key.certificate()));
                // Bottom right of the last page, over the issuer's name and date as a paper seal sits.
                signer.addApPos(
                        new NormalStampPos(pages, 210 - 25 - SEAL_MM - 5, 297 - 25 - SEAL_MM - 15, SEAL_MM, SEAL_MM));
                signer.exeSign();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("sealing an OFD failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing an OFD failed", e);
        }
    }

    /**
     * The unsigned OFD of the document: A4, 25 mm margins, the text in paragraphs. Each font is
     * embedded cut down to the glyphs this document uses ({@link GlyphSubset}).
     */
    byte[] layout(String xhtml) {
        List<Block> blocks = blocks(xhtml);
        Map<Block, List<Run>> runs = new java.util.LinkedHashMap<>();
        Map<FontChain.Face, java.util.BitSet> used = new java.util.LinkedHashMap<>();
        for (Block b : blocks) {
            List<Run> r = runs(b.text());
            runs.put(b, r);
            for (Run run : r) {
                java.util.BitSet glyphs = used.computeIfAbsent(run.face(), f -> new java.util.BitSet());
                run.text().codePoints().forEach(cp -> glyphs.set(glyphId(run.face(), cp)));
            }
        }
        List<Path> files = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Map<FontChain.Face, Font> docFonts = new java.util.HashMap<>();
            for (Map.Entry<FontChain.Face, java.util.BitSet> e : used.entrySet()) {
                String file =
                        e.getKey().resource().substring(e.getKey().resource().lastIndexOf('/') + 1);
                Path subset = Files.createTempFile("liandong-ofd-", "-" + file);
                files.add(subset);
                Files.write(subset, GlyphSubset.keep(e.getKey().bytes(), e.getValue()));
                String name = file.replace(".ttf", "");
                docFonts.put(e.getKey(), new Font(name, name, subset, asciiWidths(e.getKey())));
            }
            try (OFDDoc ofd = new OFDDoc(out)) {
                PageLayout a4 = PageLayout.A4();
                a4.setMargin(25d);
                ofd.setDefaultPageLayout(a4);
                for (Block b : blocks) {
                    ofd.add(paragraph(b, runs.get(b), docFonts));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("laying out an OFD failed", e);
        } finally {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temp directory
                }
            }
        }
        return out.toByteArray();
    }

    private static int glyphId(FontChain.Face face, int codePoint) {
        try {
            return Math.max(0, face.parsed().getUnicodeCmapLookup().getGlyphId(codePoint));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a block prints: size in mm, bold, alignment, red (the issuer's head). */
    enum Style {
        HEAD(22 * 25.4 / 72, true, TextAlign.center, true),
        TITLE(16 * 25.4 / 72, true, TextAlign.center, false),
        CENTER(BODY, false, TextAlign.center, false),
        HEADING(12 * 25.4 / 72, true, TextAlign.left, false),
        BODY_TEXT(BODY, false, TextAlign.left, false),
        SMALL(8 * 25.4 / 72, false, TextAlign.left, false);

        final double size;
        final boolean bold;
        final TextAlign align;
        final boolean red;

        Style(double size, boolean bold, TextAlign align, boolean red) {
            this.size = size;
            this.bold = bold;
            this.align = align;
            this.red = red;
        }
    }

    /** One paragraph of the document's text; lines separated by '\n'. */
    record Block(Style style, String text) {}

    /**
     * The text blocks of an XHTML body in reading order: each h1–h3, p, li and table row is one
     * block (cells separated by a full-width space, {@code <br/>} a new line, list items numbered).
     * Everything else is descended into. The class {@code redhead} prints as the issuer's head,
     * {@code number} centred, {@code small} small.
     */
    static List<Block> blocks(String xhtml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            org.w3c.dom.Document dom = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xhtml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            List<Block> out = new ArrayList<>();
            Node body = dom.getElementsByTagName("body").item(0);
            collect(body == null ? dom.getDocumentElement() : body, out);
            return out;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("a document template is not well-formed XHTML", e);
        }
    }

    private static void collect(Node node, List<Block> out) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            String tag = e.getTagName().toLowerCase(java.util.Locale.ROOT);
            String cls = " " + e.getAttribute("class") + " ";
            Style style = switch (tag) {
                case "h1" -> Style.TITLE;
                case "h2", "h3" -> Style.HEADING;
                case "p", "li", "tr" ->
                    cls.contains(" redhead ")
                            ? Style.HEAD
                            : cls.contains(" number ")
                                    ? Style.CENTER
                                    : cls.contains(" small ") ? Style.SMALL : Style.BODY_TEXT;
                default -> null;
            };
            if (tag.equals("style") || tag.equals("script") || tag.equals("head")) {
                continue;
            }
            if (style == null) {
                collect(e, out);
                continue;
            }
            String text = text(e).trim(); // not strip(): U+3000 (ideographic space) is text
            if (tag.equals("li")) {
                int index = 1;
                for (Node p = e.getPreviousSibling(); p != null; p = p.getPreviousSibling()) {
                    index += p instanceof Element pe && pe.getTagName().equalsIgnoreCase("li") ? 1 : 0;
                }
                text = index + ". " + text;
            }
            if (!text.isBlank()) {
                out.add(new Block(style, text));
            }
        }
    }

    private static String text(Node node) {
        StringBuilder s = new StringBuilder();
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                s.append(n.getNodeValue().replaceAll("\\s+", " "));
            } else if (n instanceof Element e) {
                String tag = e.getTagName().toLowerCase(java.util.Locale.ROOT);
                if (tag.equals("br")) {
                    s.append('\n');
                } else {
                    if ((tag.equals("td") || tag.equals("th")) && !s.isEmpty()) {
                        s.append('\u3000');
                    }
                    s.append(text(e).trim());
                }
            }
        }
        return s.toString();
    }

    /** A run of characters that one font of the chain draws. */
    record Run(FontChain.Face face, String text) {}

    /**
     * The text cut into runs, each in the first font of the chain that has its characters
     * (whitespace stays in the current run). A character outside the BMP is a run of its own.
     */
    private List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            FontChain.Face face = Character.isWhitespace(cp) ? null : fonts.faceFor(cp);
            face = face == null ? fonts.faces().get(0) : face;
            int end = i + Character.charCount(cp);
            if (Character.isBmpCodePoint(cp)) {
                while (end < text.length()) {
                    int next = text.codePointAt(end);
                    if (!Character.isBmpCodePoint(next)) {
                        break;
                    }
                    FontChain.Face nf = Character.isWhitespace(next) ? face : fonts.faceFor(next);
                    if (nf != face && nf != null) {
                        break;
                    }
                    end += 1;
                }
            }
            runs.add(new Run(face, text.substring(i, end)));
            i = end;
        }
        return runs;
    }

    /**
     * The block as one paragraph, a span per run. ofdrw measures and places UTF-16 chars, not code
     * points: a character outside the BMP would take two widths, so its span's letter spacing
     * takes half a width back from each half, and the span is never split across lines.
     */
    private static Paragraph paragraph(Block b, List<Run> runs, Map<FontChain.Face, Font> docFonts) {
        Paragraph p = new Paragraph();
        p.setFontSize(b.style().size);
        p.setTextAlign(b.style().align);
        p.setMarginBottom(b.style() == Style.SMALL ? 1d : 2.5);
        for (Run run : runs) {
            Span span = new Span(docFonts.get(run.face()), b.style().size, run.text());
            span.setBold(b.style().bold);
            if (b.style().red) {
                span.setColor(200, 16, 46);
            }
            if (!Character.isBmpCodePoint(run.text().codePointAt(0))) {
                span.setLetterSpacing(-b.style().size / 2);
                span.setIntegrity(true);
            }
            p.add(span);
        }
        return p;
    }

    /**
     * Advance widths of printable ASCII as fractions of the em, for ofdrw, which otherwise measures
     * through AWT fonts (others count as full width, right for CJK). Computed once per font.
     */
    private double[] asciiWidths(FontChain.Face face) {
        return asciiWidths.computeIfAbsent(face, f -> {
            double[] ascii = new double[95];
            try {
                var ttf = f.parsed();
                var cmap = ttf.getUnicodeCmapLookup();
                double em = ttf.getUnitsPerEm();
                for (int c = 32; c <= 126; c++) {
                    int gid = cmap.getGlyphId(c);
                    ascii[c - 32] = gid > 0 ? ttf.getAdvanceWidth(gid) / em : 0.5;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ascii;
        });
    }

    /**
     * The e-seal (GB/T 38540 SESeal, version 4): the seal image as PNG, the body's name, the
     * signer's certificate as the only one allowed to use it, valid for a year from {@code now},
     * signed by the same key (we are our own seal maker). One per issuer and key, kept.
     */
    private SESeal seal(SealKey key, String issuer, Instant now) throws GeneralSecurityException, IOException {
        byte[] png = sealImages.computeIfAbsent(
                issuer, i -> png(SealImage.draw(i, SealedPdfs.SEAL_PURPOSE, SEAL_PIXELS, fonts.primary())));
        ASN1EncodableVector certs = new ASN1EncodableVector(1);
        try {
            certs.add(new DEROctetString(key.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new GeneralSecurityException(e);
        }
        SES_ESPropertyInfo property = new SES_ESPropertyInfo()
                .setType(new ASN1Integer(1)) // 1: the body's official seal (单位印章)
                .setName(new DERUTF8String(issuer + SealedPdfs.SEAL_PURPOSE))
                .setCertListType(SES_ESPropertyInfo.CertListType)
                .setCertList(SES_CertList.getInstance(SES_ESPropertyInfo.CertListType, new DERSequence(certs)))
                .setCreateDate(new ASN1GeneralizedTime(Date.from(now)))
                .setValidStart(new ASN1GeneralizedTime(Date.from(now.minus(Duration.ofDays(1)))))
                .setValidEnd(new ASN1GeneralizedTime(Date.from(now.plus(Duration.ofDays(365)))));
        SES_SealInfo info = new SES_SealInfo()
                .setHeader(new SES_Header(SES_Header.V4, new DERIA5String("Liandong")))
                .setEsID(new DERIA5String(HexFormat.of()
                        .formatHex(key.certificate().getSerialNumber().toByteArray())))
                .setProperty(property)
                .setPicture(new SES_ESPictrueInfo()
                        .setType("PNG")
                        .setData(png)
                        .setWidth((int) SEAL_MM)
                        .setHeight((int) SEAL_MM));
        Signature s = Signature.getInstance("SM3withSM2", Sm2SealKeys.BC);
        s.initSign(key.key());
        s.update(info.getEncoded("DER"));
        return new SESeal()
                .seteSealInfo(info)
                .setCert(key.certificate())
                .setSignAlgID(GMObjectIdentifiers.sm2sign_with_sm3)
                .setSignedValue(s.sign());
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
