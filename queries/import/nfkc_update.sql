-- nfkc_update: the staged codes of column {column} normalised; one nothing is left of is blank (a problem).
update import_staged s
set {column} = nullif(n.new, ''),
    {column}_error = case when n.new = '' then 'blank' else s.{column}_error end,
    row_ok = s.row_ok and n.new <> '',
    first_line = case when n.new <> '' then s.first_line end
from import_nfkc n
where s.{column} = n.old
