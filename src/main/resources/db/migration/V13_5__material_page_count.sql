-- Materials (issue 15): a version's page count, read once from its bytes the first time a page of it
-- is cited (PDF: PDFBox; JPEG/PNG: 1). NULL: not read yet; 0: not known (not a paged type, or unreadable).
alter table material_file add column page_count integer;
