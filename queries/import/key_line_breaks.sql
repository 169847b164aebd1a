-- key_line_breaks: the rows of import_raw whose key or code $column (columns([$column]), as nfkc_candidates.sql)
-- holds a line break between its characters (line_break_inside, check_macros.sql), with the cell as read.
select line, columns([$column]) from import_raw where line_break_inside(columns([$column])) order by line
