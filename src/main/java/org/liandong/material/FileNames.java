package org.liandong.material;

import java.text.Normalizer;
import org.liandong.common.ProblemException;

/**
 * A file name as the uploader gave it is display text: it is shown and offered as the download
 * name, never used as a path (stores use generated keys). Still, a name that could mislead a
 * person or a client that saves it is refused: path separators, control and bidirectional
 * formatting characters (e.g. U+202E, which makes "gpj.exe" look like "exe.jpg"), "." and "..",
 * and names longer than 255 characters (the common file system limit).
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;

    private FileNames() {}

    /** The name in NFC, or a 400 problem naming {@code field}. */
    public static String check(String name, String field) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid(field, "give the file's name");
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (n.codePointCount(0, n.length()) > MAX_LENGTH) {
            throw ProblemException.invalid(field, "is longer than " + MAX_LENGTH + " characters");
        }
        if (n.indexOf('/') >= 0 || n.indexOf('\\') >= 0) {
            throw ProblemException.invalid(field, "must not contain path separators (/ or \\)");
        }
        if (n.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw ProblemException.invalid(field, "must not contain control or formatting characters");
        }
        if (n.strip().equals(".") || n.strip().equals("..")) {
            throw ProblemException.invalid(field, "is not a file name");
        }
        return n;
    }
}
