-- stored_indicator_values: staged values for an indicator and month already entered, and which
-- parts differ; '' means identical (skipped). A differing row replaces the stored one.
create or replace temp table import_stored as
select s.line, s.seq,
    concat_ws(', ',
        case when s.actual_value is distinct from a.actual_value then 'actual_value' end,
        case when s.judged_status is distinct from a.judged_status then 'judged_status' end) as differs
from import_staged s
join indicator_actuals a on a.fiscal_year = s.fiscal_year and a.project_code = s.project_code
                         and a.seq = s.seq and a.month = s.month
where s.row_ok
order by s.line
