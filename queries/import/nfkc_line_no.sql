-- nfkc_line_no: line_no of import_staged as import_nfkc maps it (a detail line's id; '' is no line).
update import_staged s set line_no = n.new
from import_nfkc n where s.line_no = n.old
