-- total_with_data: the 合计 lines (total_rows.sql; temp table import_marks) whose 合计 stands in the key column of a row with a valid
-- code, date and amount: a record, not a total, never left out silently. $date and $amount name the kind's
-- date and amount columns, $places and $limit the amount's (number_problem, check_macros.sql).
select line, key_cell
from import_marks
where is_total_row(first_cell, project_code, key_cell)
    and total_label(key_cell) is not null and code(project_code) is not null and total_label(project_code) is null
    and cell(columns([$date])) is not null and date_problem(cell(columns([$date]))) is null
    and cell(columns([$amount])) is not null and number_problem(cell(columns([$amount])), $places, $limit) is null
order by line
