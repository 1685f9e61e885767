package org.liandong.common;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV for the spreadsheet programs coordinators use (Excel and WPS on zh-CN Windows): UTF-8 with
 * a byte order mark (without it they read the file as GBK and show Chinese as mojibake), CRLF line
 * ends and quoting per RFC 4180, and every cell that a spreadsheet would run as a formula (first
 * character {@code = + - @}, tab or carriage return) prefixed with an apostrophe, as OWASP's
 * "CSV Injection" page advises. Numbers the service writes itself go through {@link #number}.
 */
public final class Csv {

    /** U+FEFF, written first so that spreadsheets detect UTF-8. */
    public static final String BOM = "\uFEFF";

    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";

    private Csv() {}

    /** The whole file: BOM, header line, one line per row. */
    public static String document(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder(BOM).append(line(header));
        rows.forEach(r -> b.append(line(r)));
        return b.toString();
    }

    private static String line(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    /** One text cell: neutralised if it starts like a formula, quoted if it holds a comma, quote or line break. */
    public static String cell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return safe.matches("(?s).*[\",\r\n].*") || !safe.equals(s) ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /** A number written by the service (may be negative): not neutralised, since it is not text from a user. */
    public static String number(long n) {
        return Long.toString(n);
    }
}
