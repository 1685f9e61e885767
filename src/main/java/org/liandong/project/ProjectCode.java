package org.liandong.project;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The national investment project code {@code YYYY-DDDDDD-II-TT-NNNNNN}: year, 6-digit
 * administrative division, industry, category and serial number (e.g. {@code 2017-370303-44-03-012345}).
 */
public record ProjectCode(int year, String divisionCode, String industry, String category, String serial) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{6})-(\\d{2})-(\\d{2})-(\\d{6})");

    /** Parses the code's shape; whether the division exists is the directory's business. */
    public static ProjectCode parse(String code) {
        Matcher m = code == null ? null : FORMAT.matcher(code);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "must look like YYYY-DDDDDD-II-TT-NNNNNN, e.g. 2026-370303-44-03-012345");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 2000 || year > 2100) {
            throw new IllegalArgumentException("year " + year + " is out of range");
        }
        return new ProjectCode(year, m.group(2), m.group(3), m.group(4), m.group(5));
    }

    @Override
    public String toString() {
        return "%04d-%s-%s-%s-%s".formatted(year, divisionCode, industry, category, serial);
    }
}
