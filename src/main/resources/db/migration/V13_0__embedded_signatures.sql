-- Issued PDFs now carry their signature inside (PAdES, see README "Documents"): new decisions
-- store no detached signature. Decisions issued before keep theirs and are still verified with it.
alter table decision alter column signature drop not null;
