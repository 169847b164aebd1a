-- key_line_breaks: the rows of the file but its 合计 lines (import_raw) whose key or code $column (columns([$column]),
-- as nfkc_candidates.sql) holds a line break between its characters (line_break_inside, check_macros.sql), with the
-- cell as read: looked for among the few odd rows of the temp table import_marks (marks.sql), which holds every such row.
select line, columns([$column]) from import_marks
where line_break_inside(columns([$column])) and not coalesce(is_total_row(first_cell, project_code, key_cell), false)
order by line
