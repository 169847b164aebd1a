-- project_subtotals: the file's good rows per project (temp view import_amounts: fiscal_year, project_code,
-- the file's project_name if it has one, and the kind's amount in yuan of import_staged), to check against
-- the treasury system's own report: code, name (the stored plan's, else the file's), rows, and the amount
-- in 元 to the fen (as that report has it).
select s.project_code, coalesce(any_value(p.project_name), any_value(s.project_name), '') as project_name, count(*) as rows,
    coalesce(sum(s.amount_yuan), 0)::decimal(18, 2) as amount_yuan
from import_amounts s
left join projects p on p.fiscal_year = s.fiscal_year and p.project_code = s.project_code
where s.row_ok
group by s.project_code
order by s.project_code
