package org.liandong.material;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;
import org.liandong.common.ProblemException;

/**
 * What a file is, from its bytes alone (Apache Tika's magic-byte detector; the file name is never
 * consulted), and whether it may be stored. ZIP containers are opened to tell OFD (GB/T 33190: an
 * {@code OFD.xml} at the root) and OOXML from other archives, and to find encrypted entries.
 * Refused whatever the configuration says: executables, scripts, Java archives and encrypted
 * archives. Caveat: an encrypted OOXML document is an OLE2 file that only a full parser could tell
 * apart from a legacy Office file; it is stored as Office (not previewed, never executed).
 */
public final class MaterialTypes {

    /** How many leading bytes the magic detector looks at. */
    public static final int HEAD = 64 * 1024;

    public static final String OFD = "application/ofd";

    private static final MimeTypes MAGIC = MimeTypes.getDefaultMimeTypes();

    private static final Set<String> EXECUTABLE = Set.of(
            "application/x-executable",
            "application/x-sharedlib",
            "application/x-elf",
            "application/x-coredump",
            "application/x-object",
            "application/x-msdownload",
            "application/x-dosexec",
            "application/x-ms-installer",
            "application/x-mach-o-executable",
            "application/x-mach-o",
            "application/java-vm",
            "application/java-archive",
            "application/x-java-archive",
            "application/vnd.android.package-archive",
            "application/x-msi");

    private MaterialTypes() {}

    /** A supplier of the whole file from its start, for the ZIP inspection. */
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * The media type of a file whose first bytes are {@code head}; refuses (400, field {@code file})
     * executables, scripts and encrypted archives.
     */
    public static String detect(byte[] head, Source whole) throws IOException {
        String type = MAGIC.detect(new ByteArrayInputStream(head), new Metadata())
                .getBaseType()
                .toString();
        if (EXECUTABLE.contains(type) || type.startsWith("application/x-mach-o")) {
            throw refused("is an executable program (" + type + ")");
        }
        if (isScript(type)) {
            throw refused("is a script (" + type + ")");
        }
        if (type.equals("application/zip") || type.equals("application/x-tika-ooxml")) {
            return inspectZip(whole);
        }
        if (type.equals("application/x-7z-compressed")
                || type.equals("application/x-rar-compressed")
                || type.equals("application/vnd.rar")) {
            throw refused("is an archive (" + type + "); upload the documents themselves");
        }
        return type;
    }

    /** Whether a detected type may be uploaded under the given allow-list. */
    public static void requireAllowed(String type, List<String> allowed) {
        if (!allowed.contains(type)) {
            throw refused("has type " + type + ", which this matter type does not accept (allowed: "
                    + String.join(", ", allowed) + ")");
        }
    }

    private static boolean isScript(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.contains("javascript")
                || t.contains("ecmascript")
                || t.endsWith("x-sh")
                || t.endsWith("x-shellscript")
                || t.contains("x-python")
                || t.contains("x-perl")
                || t.contains("x-php")
                || t.contains("x-ruby")
                || t.contains("x-bat")
                || t.contains("x-msdos-batch")
                || t.contains("powershell")
                || t.contains("vbscript")
                || t.equals("application/x-csh")
                || t.equals("text/x-tcl");
    }

    private static String inspectZip(Source whole) throws IOException {
        boolean contentTypes = false;
        boolean manifest = false;
        String office = null;
        try (ZipInputStream zip = new ZipInputStream(whole.open())) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (name.equals("OFD.xml")) {
                    return OFD;
                }
                if (name.equals("[Content_Types].xml")) {
                    contentTypes = true;
                } else if (name.startsWith("word/")) {
                    office = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                } else if (name.startsWith("xl/")) {
                    office = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                } else if (name.startsWith("ppt/")) {
                    office = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
                } else if (name.equals("META-INF/MANIFEST.MF") || name.endsWith(".class")) {
                    manifest = true;
                }
                zip.closeEntry(); // reads the entry: an encrypted one throws here
            }
        } catch (ZipException z) {
            if (String.valueOf(z.getMessage()).contains("encrypted")) {
                throw refused("is an encrypted archive");
            }
            throw refused("is a damaged ZIP container (" + z.getMessage() + ")");
        }
        if (manifest) {
            throw refused("is a Java archive (an executable)");
        }
        if (contentTypes && office != null) {
            return office;
        }
        throw refused("is an archive (application/zip); upload the documents themselves");
    }

    private static ProblemException refused(String why) {
        return ProblemException.invalid("file", why);
    }
}
