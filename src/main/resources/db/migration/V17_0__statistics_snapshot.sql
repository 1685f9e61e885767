-- Statistics snapshot (issue 12, speed): per month and county, everything the statistics add up, so
-- that a year over 100,000 projects reads a few hundred rows instead of joining every session,
-- attendance, opinion and rating. ym is the month (YYYY-MM) in the service zone (Asia/Shanghai).
-- One writer keeps all of it: stats/StatisticsSnapshot, which recomputes one (month, county) cell from
-- the records in the transaction of every change that moves a figure (see docs/statistics.md,
-- "The snapshot rule"). Every figure stays exact: sums add up, medians come from exact histograms.

-- The cell: its case sums (from stats_case and project_visit) and the row that is locked while the
-- cell is recomputed, so two transactions never recompute the same cell at once.
create table stats_month (
    ym                  varchar(7) not null,
    county_code         varchar(12) not null,
    decided             integer not null default 0,
    approved            integer not null default 0,
    approved_investment numeric(20, 2) not null default 0,
    on_time             integer not null default 0,
    first_pass          integer not null default 0,
    supplement_rounds   integer not null default 0,
    zero_visit          integer not null default 0,
    at_most_one_visit   integer not null default 0,
    limit_share_sum     double precision not null default 0,
    late_grace_seconds  bigint not null default 0,
    refreshed_at        timestamp with time zone,
    primary key (ym, county_code)
);

-- Working-day counts of the cell's decided projects, as a histogram (days are whole numbers, so the
-- medians of any set of months are exact). measure: 0 acceptance net, 1 acceptance gross,
-- 2 submission net, 3 submission gross.
create table stats_month_days (
    ym          varchar(7) not null,
    county_code varchar(12) not null,
    measure     smallint not null,
    days        integer not null,
    n           integer not null,
    primary key (ym, county_code, measure, days)
);

-- Ratings given in the month on decisions of the county's projects, per star.
create table stats_month_rating (
    ym          varchar(7) not null,
    county_code varchar(12) not null,
    score       integer not null,
    n           integer not null,
    primary key (ym, county_code, score)
);

-- Required places at the CONCLUDED sessions that started in the month (sessions still in progress
-- are read live: their attendance is still moving).
create table stats_month_place (
    ym            varchar(7) not null,
    county_code   varchar(12) not null,
    department_id bigint not null,
    places        integer not null,
    absent        integer not null,
    late          integer not null,
    primary key (ym, county_code, department_id)
);

-- One row per counted opinion (first revision, signed) of the sessions that started in the month:
-- seconds from the session's end to signing (0 when signed before). bucket = floor(seconds / 360),
-- tenths of an hour. The exact median of any set of months is found by counting buckets in
-- stats_month_opinion and then reading only the one or two buckets that hold the middle.
create table stats_opinion (
    opinion_id    bigint primary key,
    ym            varchar(7) not null,
    county_code   varchar(12) not null,
    department_id bigint not null,
    bucket        integer not null,
    seconds       double precision not null
);
create index stats_opinion_cell on stats_opinion (ym, county_code);
create index stats_opinion_bucket on stats_opinion (department_id, bucket, ym, county_code, seconds);

create table stats_month_opinion (
    ym            varchar(7) not null,
    county_code   varchar(12) not null,
    department_id bigint not null,
    bucket        integer not null,
    n             integer not null,
    primary key (ym, county_code, department_id, bucket)
);

-- For recomputing one cell and for the live part: ratings and sessions by time.
create index decision_rating_rated on decision_rating (rated_at);
-- The lowest-rated comments: walked in their display order (score, time), stopping after the few shown.
create index decision_rating_low on decision_rating (score, rated_at, id);
create index review_session_status on review_session (status, starts_at);
create index attendance_department on attendance (session_id, department_id, joined_at);
