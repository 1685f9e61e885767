package org.liandong.opinion;

/** A department's verdict on a project, with the wording used on documents. */
public enum Verdict {
    APPROVE("同意"),
    APPROVE_WITH_CONDITIONS("附条件同意"),
    REQUEST_SUPPLEMENT("需补正材料"),
    REJECT("不同意");

    private final String zh;

    Verdict(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }
}
