package org.liandong.material;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liandong.common.ProblemException;

/** A {@code Content-Range: bytes <first>-<last>/<complete length>} header (RFC 9110 §14.4), as a chunk of a resumable upload. */
record ContentRange(long first, long last, long total) {

    private static final Pattern FORM = Pattern.compile("bytes (\\d{1,15})-(\\d{1,15})/(\\d{1,15})");

    static ContentRange parse(String header) {
        Matcher m = header == null ? null : FORM.matcher(header.strip());
        if (m == null || !m.matches()) {
            throw ProblemException.invalid("Content-Range", "send bytes <first>-<last>/<size>");
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        if (last < first || last >= total) {
            throw ProblemException.invalid("Content-Range", "needs first <= last < size");
        }
        return new ContentRange(first, last, total);
    }

    long length() {
        return last - first + 1;
    }
}
