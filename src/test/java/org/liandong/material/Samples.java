package org.liandong.material;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small files of known kinds, made in the test (no binaries in the repository). */
final class Samples {

    private Samples() {}

    /** The first bytes of a 64-bit Linux ELF executable, padded. */
    static byte[] elf() {
        byte[] b = new byte[4096];
        byte[] head = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    static byte[] shellScript() {
        return "#!/bin/sh\nrm -rf \"$HOME\"\n".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] png() {
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** AutoCAD 2013+ drawing header. */
    static byte[] dwg() {
        byte[] b = new byte[2048];
        System.arraycopy("AC1027".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 6);
        return b;
    }

    static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] docx() {
        return zip(new java.util.LinkedHashMap<>(
                Map.of("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>")));
    }

    static byte[] ofd() {
        return zip(new java.util.LinkedHashMap<>(
                Map.of("OFD.xml", "<ofd:OFD/>", "Doc_0/Document.xml", "<ofd:Document/>")));
    }

    /** A ZIP whose entries carry the "encrypted" flag (general purpose bit 0), as a password-protected archive does. */
    static byte[] encryptedZip() {
        byte[] z = zip(Map.of("secret.txt", "hidden"));
        for (int i = 0; i + 8 < z.length; i++) {
            boolean local = z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 3 && z[i + 3] == 4;
            boolean central = z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2;
            if (local) {
                z[i + 6] |= 1;
            } else if (central) {
                z[i + 8] |= 1;
            }
        }
        return z;
    }
}
