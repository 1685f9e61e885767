package org.liandong.decision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A decision's document number, e.g. {@code 淄联审〔2026〕17号}: prefix, year, serial within prefix and year. */
public record DecisionNumber(String prefix, int year, int serial) {

    private static final Pattern FORMAT = Pattern.compile("(.+)〔(\\d{4})〕(\\d+)号");

    public static DecisionNumber parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("must look like 淄联审〔2026〕17号");
        }
        return new DecisionNumber(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return prefix + "〔" + year + "〕" + serial + "号";
    }
}
