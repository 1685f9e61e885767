package org.liandong.decision;

import org.liandong.opinion.Verdict;

/** The combined result of a session, with the wording used on documents. */
public enum Outcome {
    APPROVED("准予许可（同意）"),
    APPROVED_WITH_CONDITIONS("附条件准予许可（附条件同意）"),
    SUPPLEMENT_REQUIRED("需一次性补正材料"),
    REJECTED("不予许可（不同意）");

    private final String zh;

    Outcome(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    static Outcome of(Verdict v) {
        return switch (v) {
            case APPROVE -> APPROVED;
            case APPROVE_WITH_CONDITIONS -> APPROVED_WITH_CONDITIONS;
            case REQUEST_SUPPLEMENT -> SUPPLEMENT_REQUIRED;
            case REJECT -> REJECTED;
        };
    }
}
