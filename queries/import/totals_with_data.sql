-- totals_with_data: lines labelled 合计/小计/总计 whose code, date ({day}) and amount ({amount}: {places}
-- decimals, below {limit}) are valid: a record or a total line? Not left out silently.
select line, key_cell from import_lines
where is_total_row(first_cell, project_code, key_cell)
  and total_label(key_cell) is not null and code(project_code) is not null
  and total_label(project_code) is null and cell({day}) is not null and date_problem(cell({day})) is null
  and cell({amount}) is not null and number_problem(cell({amount}), {places}, {limit}) is null
order by line
