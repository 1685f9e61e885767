package org.liandong.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.sign.verify.OFDValidator;
import org.ofdrw.sign.verify.container.SESV4ValidateContainer;

/** ofdrw's verifier on an OFD in memory, and the package's parts: what a test needs to look inside an OFD. */
public final class Ofdrw {

    private static final Pattern TEXT_CODE = Pattern.compile("<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>");

    private Ofdrw() {}

    /**
     * Verifies every e-seal of the OFD as ofdrw does (GB/T 38540 v4: the protected files' SM3
     * digests against Signature.xml, then the SM2 signature over it).
     *
     * @throws org.ofdrw.sign.verify.exceptions.OFDVerifyException when a file changed or a seal does not verify
     */
    public static void verify(byte[] ofd) throws IOException, GeneralSecurityException {
        try (OFDReader reader = new OFDReader(new ByteArrayInputStream(ofd));
                OFDValidator validator = new OFDValidator(reader)) {
            validator.setValidator(new SESV4ValidateContainer());
            validator.exeValidate();
        }
    }

    /** The text of every page, TextCode by TextCode, in document order. */
    public static String text(byte[] ofd) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, byte[]> e : unzip(ofd).entrySet()) {
            if (e.getKey().matches(".*Pages/Page_\\d+/Content\\.xml")) {
                Matcher m = TEXT_CODE.matcher(new String(e.getValue(), StandardCharsets.UTF_8));
                while (m.find()) {
                    s.append(unescape(m.group(1)));
                }
            }
        }
        return s.toString();
    }

    /** The concatenated XML of the package's entries whose names end with {@code suffix}. */
    public static String xml(Map<String, byte[]> entries, String suffix) {
        return entries.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("\n"));
    }

    public static String unescape(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** The package's files by path, in ZIP order. */
    public static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /**
     * The same package with one byte of the first page's content changed (the first digit of
     * {@code digits} on the page, e.g. the year of the number, becomes another digit) and re-zipped,
     * so that the ZIP stays valid and only the content differs.
     */
    public static byte[] withOneByteChanged(byte[] ofd, String digits) throws IOException {
        Map<String, byte[]> entries = unzip(ofd);
        String page = entries.keySet().stream()
                .filter(n -> n.matches(".*Pages/Page_0/Content\\.xml"))
                .findFirst()
                .orElseThrow();
        byte[] content = entries.get(page).clone();
        int at = new String(content, StandardCharsets.ISO_8859_1).indexOf(digits);
        if (at < 0) {
            throw new IllegalArgumentException(digits + " is not on the first page");
        }
        content[at] = (byte) (content[at] == '9' ? '8' : content[at] + 1);
        entries.put(page, content);
        return zip(entries);
    }
}
