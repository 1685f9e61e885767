package org.liandong.stats;

/**
 * Every figure Liandong reports, defined once: the JSON field name, unit, names and definition
 * (numerator, denominator, what is excluded) and the records it comes from. The statistics page,
 * the bulletin, the exports and docs/statistics.md all show these texts; nothing else defines a
 * figure. Rates are percentages (0–100, one decimal); a figure whose denominator is zero is
 * {@code null} ("no data"), never 0.
 */
public enum Figure {
    // ---- cases: one row per project decided in the period (stats_case) ----
    DECIDED(
            "decided",
            Unit.PROJECTS,
            "办结项目数",
            "Projects decided",
            "Projects whose combined decision (approved, approved with conditions or rejected) was issued in the period. "
                    + "A supplement notice is not a decision. The month is the month of the decision in Asia/Shanghai.",
            "在统计期内作出联审决定（准予、附条件准予或不予许可）的项目数；一次性补正告知不算办结。月份按北京时间计。",
            Source.CASES),
    APPROVED(
            "approved",
            Unit.PROJECTS,
            "准予许可项目数",
            "Projects approved",
            "Decided projects whose outcome is approved or approved with conditions.",
            "办结项目中结果为准予许可或附条件准予许可的项目数。",
            Source.CASES),
    APPROVED_INVESTMENT(
            "approvedInvestment",
            Unit.YI_YUAN,
            "准予许可项目总投资",
            "Investment approved",
            "Sum of the registered total investment of the approved projects, in 亿元 (100 million CNY), two decimals.",
            "准予许可项目登记总投资之和，单位亿元，保留两位小数。",
            Source.CASES),
    AVG_DAYS_ACCEPTED_NET(
            "avgDaysFromAcceptanceNet",
            Unit.WORKING_DAYS,
            "受理至决定平均用时（扣除补正）",
            "Average working days, acceptance to decision, pauses excluded",
            "Mean over decided projects of the working days after the day of acceptance up to and including the day of "
                    + "decision, without the days the statutory clock was paused for a supplement (the statutory clock's own count).",
            "办结项目自受理次日起至决定当日的工作日数（扣除补正暂停的工作日，即法定时限计时口径）的平均值。",
            Source.CASES),
    MEDIAN_DAYS_ACCEPTED_NET(
            "medianDaysFromAcceptanceNet",
            Unit.WORKING_DAYS,
            "受理至决定用时中位数（扣除补正）",
            "Median working days, acceptance to decision, pauses excluded",
            "Median of the same per-project count as the average above.",
            "同上口径的中位数。",
            Source.CASES),
    AVG_DAYS_ACCEPTED_GROSS(
            "avgDaysFromAcceptanceGross",
            Unit.WORKING_DAYS,
            "受理至决定平均用时（含补正）",
            "Average working days, acceptance to decision, pauses included",
            "As above, but the days spent supplementing are counted too: what the applicant waited.",
            "同上，但补正期间的工作日也计入，即申请人实际等待的工作日。",
            Source.CASES),
    MEDIAN_DAYS_ACCEPTED_GROSS(
            "medianDaysFromAcceptanceGross",
            Unit.WORKING_DAYS,
            "受理至决定用时中位数（含补正）",
            "Median working days, acceptance to decision, pauses included",
            "Median of the same count.",
            "同上口径的中位数。",
            Source.CASES),
    AVG_DAYS_SUBMITTED_NET(
            "avgDaysFromSubmissionNet",
            Unit.WORKING_DAYS,
            "提交至决定平均用时（扣除补正）",
            "Average working days, submission to decision, pauses excluded",
            "Working days after the day of the first submission up to and including the day of decision, without the days "
                    + "paused for any supplement (at pre-review or after review); mean over decided projects.",
            "自首次提交申请次日起至决定当日的工作日数（扣除预审和联审阶段补正暂停的工作日）的平均值。",
            Source.CASES),
    MEDIAN_DAYS_SUBMITTED_NET(
            "medianDaysFromSubmissionNet",
            Unit.WORKING_DAYS,
            "提交至决定用时中位数（扣除补正）",
            "Median working days, submission to decision, pauses excluded",
            "Median of the same count.",
            "同上口径的中位数。",
            Source.CASES),
    AVG_DAYS_SUBMITTED_GROSS(
            "avgDaysFromSubmissionGross",
            Unit.WORKING_DAYS,
            "提交至决定平均用时（含补正）",
            "Average working days, submission to decision, pauses included",
            "As above with the supplement days counted.",
            "同上，补正期间的工作日也计入。",
            Source.CASES),
    MEDIAN_DAYS_SUBMITTED_GROSS(
            "medianDaysFromSubmissionGross",
            Unit.WORKING_DAYS,
            "提交至决定用时中位数（含补正）",
            "Median working days, submission to decision, pauses included",
            "Median of the same count.",
            "同上口径的中位数。",
            Source.CASES),
    ON_TIME_RATE(
            "onTimeRate",
            Unit.PERCENT,
            "按时办结率",
            "On-time rate",
            "Decided projects whose working days from acceptance (pauses excluded) are within the matter type's statutory "
                    + "limit, divided by projects decided.",
            "受理至决定用时（扣除补正）不超过该事项法定时限的项目数 ÷ 办结项目数。",
            Source.CASES),
    FIRST_PASS_RATE(
            "firstPassRate",
            Unit.PERCENT,
            "一次通过率",
            "First-pass rate",
            "Decided projects that never received a one-time supplement notice (at pre-review or after a session), divided "
                    + "by projects decided.",
            "从未收到一次性补正告知（预审或联审阶段）的办结项目数 ÷ 办结项目数。",
            Source.CASES),
    SUPPLEMENT_ROUNDS(
            "supplementRoundsPerProject",
            Unit.ROUNDS,
            "平均补正轮次",
            "Supplement rounds per project",
            "Supplement notices received by the decided projects, divided by projects decided; two decimals.",
            "办结项目收到的一次性补正告知总次数 ÷ 办结项目数，保留两位小数。",
            Source.CASES),
    ZERO_VISIT_SHARE(
            "zeroVisitShare",
            Unit.PERCENT,
            "零跑腿占比",
            "Zero-visit share (零跑腿)",
            "Decided projects with no in-person visit logged (every session attended by video, the decision delivered "
                    + "electronically; a visit to collect a paper decision counts), divided by projects decided. Visits are "
                    + "logged by coordinators on the project.",
            "未登记任何现场到访的办结项目数（全程视频参会、电子送达；到窗口领取纸质决定书也算到访）÷ 办结项目数。到访由综窗人员在项目上登记。",
            Source.VISITS),
    AT_MOST_ONE_VISIT_SHARE(
            "atMostOneVisitShare",
            Unit.PERCENT,
            "最多跑一次占比",
            "At-most-one-visit share (一次跑腿)",
            "Decided projects with at most one logged in-person visit, divided by projects decided (includes the zero-visit ones).",
            "登记到访不超过一次的办结项目数 ÷ 办结项目数（含零跑腿项目）。",
            Source.VISITS),
    // ---- satisfaction: ratings given in the period ----
    RATINGS(
            "ratings",
            Unit.RATINGS,
            "评价数",
            "Ratings",
            "Ratings (1–5 stars) given by applicants in the period on decisions of the county's projects.",
            "统计期内申请人对决定作出的评价（1–5星）条数。",
            Source.RATINGS),
    MEAN_RATING(
            "meanRating",
            Unit.STARS,
            "平均评分",
            "Mean rating",
            "Mean of those ratings, two decimals.",
            "上述评价的平均星级，保留两位小数。",
            Source.RATINGS),
    SATISFIED_SHARE(
            "satisfiedShare",
            Unit.PERCENT,
            "满意率",
            "Satisfaction (4–5 stars)",
            "Ratings of 4 or 5 stars divided by ratings.",
            "4星和5星评价数 ÷ 评价总数。",
            Source.RATINGS),
    // ---- departments: required places at sessions held in the period ----
    REQUIRED_PLACES(
            "requiredPlaces",
            Unit.PLACES,
            "必须到会次数",
            "Required places",
            "Times the department was a required participant of a session that was held (started) in the period.",
            "统计期内已召开（已开始）联审会中该部门为必须到会部门的次数。",
            Source.ATTENDANCE),
    ABSENT_RATE(
            "absentRate",
            Unit.PERCENT,
            "缺席率",
            "Absent rate",
            "Required places where no one of the department joined the room at all, divided by required places.",
            "该部门无人进入会场的必须到会次数 ÷ 必须到会次数。",
            Source.ATTENDANCE),
    LATE_RATE(
            "lateRate",
            Unit.PERCENT,
            "迟到率",
            "Late rate",
            "Required places where the department's first person joined later than the scheduled start plus the grace "
                    + "(liandong.statistics.late-grace, 5 minutes), divided by required places.",
            "该部门首位人员入会时间晚于计划开始时间加宽限（默认5分钟）的次数 ÷ 必须到会次数。",
            Source.ATTENDANCE),
    OPINIONS_SIGNED(
            "opinionsSigned",
            Unit.OPINIONS,
            "签署意见数",
            "Opinions signed",
            "First revisions of the department's opinions signed for sessions held in the period (corrections not counted).",
            "统计期内召开的联审会上该部门签署的意见数（更正版本不计）。",
            Source.OPINIONS),
    MEDIAN_OPINION_HOURS(
            "medianOpinionHours",
            Unit.HOURS,
            "意见签署用时中位数",
            "Median hours to signed opinion",
            "Median hours from the end of the session (when a person concluded it; its scheduled end if it was never concluded "
                    + "or was concluded by the system after overrunning) to "
                    + "the signing of the department's first opinion revision; an opinion signed before the end counts 0.",
            "自联审会结束（主持人结束会议的时间；未结束或超时后由系统结束的，按计划结束时间）至该部门签署意见（首个版本）的小时数中位数；会中签署计0。",
            Source.OPINIONS),
    // ---- ranking ----
    SCORE(
            "score",
            Unit.POINTS,
            "综合得分",
            "Score",
            "Weighted sum (weights in liandong.statistics.ranking.*) of the on-time rate, first-pass rate, at-most-one-visit "
                    + "share, satisfaction and speed (100 × (1 − mean of days used ÷ statutory limit, capped at 1)), 0–100. "
                    + "A component without data is left out and the other weights are scaled up.",
            "按配置权重对按时办结率、一次通过率、最多跑一次占比、满意率和办理速度（100 × (1 − 平均已用时限比例)）加权，满分100；" + "无数据的分项不计，其余权重按比例放大。",
            Source.CASES);

    /** Units, with the zh-CN and English label the UI and documents print. */
    public enum Unit {
        PROJECTS("件", "projects"),
        YI_YUAN("亿元", "100 million CNY"),
        WORKING_DAYS("个工作日", "working days"),
        PERCENT("%", "%"),
        ROUNDS("轮", "rounds"),
        RATINGS("条", "ratings"),
        STARS("星", "stars"),
        PLACES("次", "places"),
        OPINIONS("份", "opinions"),
        HOURS("小时", "hours"),
        POINTS("分", "points");

        public final String zh;
        public final String en;

        Unit(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    /** The records a figure is computed from. */
    public enum Source {
        CASES("stats_case: one row per decided project, computed from its timeline (project_event) and decision"),
        VISITS("project_visit: in-person visits logged by coordinators, joined to stats_case"),
        RATINGS("decision_rating, by the rating's time (rated_at) and the project's county"),
        ATTENDANCE("session_department (required) and attendance, sessions by scheduled start"),
        OPINIONS("opinion (revision 1, signed) and session_event 'concluded'");

        public final String description;

        Source(String description) {
            this.description = description;
        }
    }

    public final String field;
    public final Unit unit;
    public final String nameZh;
    public final String nameEn;
    public final String definitionEn;
    public final String definitionZh;
    public final Source source;

    Figure(
            String field,
            Unit unit,
            String nameZh,
            String nameEn,
            String definitionEn,
            String definitionZh,
            Source source) {
        this.field = field;
        this.unit = unit;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.definitionEn = definitionEn;
        this.definitionZh = definitionZh;
        this.source = source;
    }
}
