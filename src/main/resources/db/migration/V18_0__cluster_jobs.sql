-- Several nodes (issue 13): a scheduled job that writes runs once across the cluster. Each run
-- first takes its job's lease here (an atomic conditional update, portable to H2 and PostgreSQL);
-- a node that finds the lease held skips the run. See docs/cluster.md "Exactly once".
create table cluster_job (
    name          varchar(64) primary key,
    owner         varchar(128),
    locked_until  timestamp with time zone not null,
    last_run      timestamp with time zone
);
