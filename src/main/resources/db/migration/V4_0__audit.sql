-- Append-only, hash-chained audit log. Each entry's hash covers its own fields and the previous
-- entry's hash; audit_head holds the chain's tip and is locked by every append, so entries from
-- concurrent transactions (and several nodes) still form one line. The application never updates
-- or deletes audit_entry rows.

create table audit_entry (
    seq         bigint primary key,
    at          timestamp with time zone not null,
    entity_type varchar(40) not null,
    entity_id   varchar(64) not null,
    action      varchar(60) not null,
    actor       varchar(60) not null,
    data        varchar(8000) not null,
    prev_hash   char(64) not null,
    hash        char(64) not null
);
create index audit_entry_entity on audit_entry (entity_type, entity_id);

create table audit_head (
    id        integer primary key check (id = 1),
    last_seq  bigint not null,
    last_hash char(64) not null
);
insert into audit_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
