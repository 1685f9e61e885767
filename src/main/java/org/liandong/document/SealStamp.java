package org.liandong.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The seal image as PDF image streams, encoded once (PDFBox's {@link LosslessFactory}: Flate with
 * PNG predictors chosen per row, the alpha as a soft mask; the most expensive step of a signature
 * when done per document) and copied into each signed document as the same encoded bytes.
 * Immutable and shared between threads: every document gets COS objects of its own.
 */
public final class SealStamp {

    /** One image stream: its dictionary entries (without Length and SMask), its encoded bytes, its mask. */
    private record Encoded(List<Map.Entry<COSName, COSBase>> entries, byte[] raw, Encoded mask) {}

    private final Encoded image;

    private SealStamp(Encoded image) {
        this.image = image;
    }

    /** Encodes {@code seal} (ARGB; transparent outside the seal) once. */
    public static SealStamp of(BufferedImage seal) {
        try (PDDocument scratch = new PDDocument()) {
            return new SealStamp(
                    encoded(LosslessFactory.createFromImage(scratch, seal).getCOSObject()));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the seal image failed", e);
        }
    }

    /** The seal as a new image XObject of {@code doc}. */
    PDImageXObject in(PDDocument doc) throws IOException {
        return new PDImageXObject(new PDStream(stream(doc, image)), null);
    }

    private static Encoded encoded(COSStream s) throws IOException {
        List<Map.Entry<COSName, COSBase>> entries = new ArrayList<>();
        for (Map.Entry<COSName, COSBase> e : s.entrySet()) {
            if (!COSName.LENGTH.equals(e.getKey()) && !COSName.SMASK.equals(e.getKey())) {
                entries.add(Map.entry(e.getKey(), copy(e.getValue())));
            }
        }
        byte[] raw;
        try (InputStream in = s.createRawInputStream()) {
            raw = in.readAllBytes();
        }
        Encoded mask = s.getDictionaryObject(COSName.SMASK) instanceof COSStream m ? encoded(m) : null;
        return new Encoded(List.copyOf(entries), raw, mask);
    }

    private static COSStream stream(PDDocument doc, Encoded e) throws IOException {
        COSStream s = doc.getDocument().createCOSStream();
        e.entries().forEach(entry -> s.setItem(entry.getKey(), copy(entry.getValue())));
        try (OutputStream out = s.createRawOutputStream()) {
            out.write(e.raw());
        }
        if (e.mask() != null) {
            s.setItem(COSName.SMASK, stream(doc, e.mask()));
        }
        return s;
    }

    /**
     * A copy of a direct value: dictionaries (DecodeParms) and arrays are copied, names, numbers and
     * booleans are immutable and shared. LosslessFactory writes no indirect values besides the mask.
     */
    private static COSBase copy(COSBase v) {
        if (v instanceof COSObject o) {
            return copy(o.getObject());
        }
        if (v instanceof COSStream) {
            throw new IllegalStateException("unexpected stream in a seal image dictionary");
        }
        if (v instanceof COSDictionary d) {
            COSDictionary c = new COSDictionary();
            d.entrySet().forEach(e -> c.setItem(e.getKey(), copy(e.getValue())));
            return c;
        }
        if (v instanceof COSArray a) {
            COSArray c = new COSArray();
            a.forEach(x -> c.add(copy(x)));
            return c;
        }
        return v;
    }
}
