-- Text derived from several fields has no fixed worst case: a supplement notice merges up to 100
-- items of 300 + 1,000 characters from every department, a timeline entry may carry that notice.
-- Such columns become unbounded text, so that issuing never fails on a valid opinion (issue 16).
-- A session title defaults to "联审会 Joint review: " + the project name (up to 200): 300 fits it.
-- Portable: SET DATA TYPE is understood by PostgreSQL and H2.
alter table project_event alter column detail set data type text;
alter table session_event alter column detail set data type text;
alter table decision_notice_item alter column problems set data type text;
alter table decision_notice_item alter column departments set data type text;
alter table review_session alter column title set data type varchar(300);
