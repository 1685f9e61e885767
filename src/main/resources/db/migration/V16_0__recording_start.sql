-- When Janus began writing each recording (the .mjr header's creation time), so the minutes can
-- print a chapter mark per agenda step as an offset into the file. Null for recordings filed before.
alter table session_recording add column started_at timestamp with time zone;
