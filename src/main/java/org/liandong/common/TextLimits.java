package org.liandong.common;

/**
 * The longest text each stored field takes, in characters, declared once: request records use it in
 * {@code @Size(max = …)}, entities in {@code @Column(length = …)}, and the migrations declare the
 * same column widths ({@code ColumnLengthsTest} compares every annotated column with the database).
 * Text derived from several fields (timeline details, notices, merged problems) is stored in
 * unbounded {@code text} columns instead, so that no valid input can overflow it.
 */
public final class TextLimits {

    public static final int PROJECT_NAME = 200;
    public static final int ENTERPRISE_NAME = 200;
    public static final int INDUSTRY = 100;
    public static final int MATERIAL_NOTE = 500;
    /** Reasons given with a project lifecycle action (withdraw, request supplement). */
    public static final int PROJECT_REASON = 2000;

    /** A session's title; the default one is "联审会 Joint review: " + the project name, so it must fit that. */
    public static final int SESSION_TITLE = 300;

    public static final int AGENDA_ITEM = 300;
    public static final int CANCEL_REASON = 500;
    public static final int WITHDRAW_REASON = 500;
    public static final int RESCHEDULE_REASON = 500;

    public static final int OPINION_REASONS = 4000;
    public static final int LEGAL_BASIS = 2000;
    public static final int CORRECTION_REASON = 1000;
    public static final int CONDITION = 1000;
    public static final int SUPPLEMENT_MATERIAL = 300;
    public static final int SUPPLEMENT_PROBLEM = 1000;
    public static final int RATING_COMMENT = 2000;

    private TextLimits() {}
}
