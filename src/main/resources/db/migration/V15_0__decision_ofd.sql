-- The decision's OFD twin (GB/T 33190, SM2/SM3 e-seal per GB/T 38540), issued with the PDF when
-- liandong.decision.ofd is on (see README "Documents"). Null for decisions issued before, or with it off.
alter table decision add column ofd bytea;
alter table decision add column ofd_sha256 char(64);
