-- total_rows: the rows of the file (temp table import_marks, marks.sql, which holds them) that are a 合计 / 小计 / 总计 line of the
-- export, not a record: left out of import_raw and listed in the preview. $key names the kind's key column.
select line, coalesce(total_label(first_cell), total_label(project_code), total_label(key_cell)) as label
from import_marks
where is_total_row(first_cell, project_code, key_cell)
order by line
