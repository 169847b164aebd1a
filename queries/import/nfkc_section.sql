-- nfkc_section: section of import_staged as import_nfkc maps it; one nothing is left of is blank (the row not ok).
update import_staged s set section = nullif(n.new, ''), section_error = case when n.new = '' then 'blank' else s.section_error end,
    row_ok = s.row_ok and n.new <> '', first_line = case when n.new <> '' then s.first_line end
from import_nfkc n where s.section = n.old
