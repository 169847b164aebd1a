-- stage_disbursements: each row of a payment file (temp table import_raw) checked on its own
-- and against the file's other rows (SPEC §2). Typed values, an error code per column (NULL =
-- fine), first_line of the key for repeated keys, and row_ok.
with
cells as not materialized (
    select line,
        cell(voucher_no) as voucher_no,
        cell(project_code) as project_code,
        cell(pay_date) as pay_date_text,
        cell(amount_yuan) as amount_text,
        cell(payee) as payee,
        cell(summary) as summary
    from import_raw
),
checked as not materialized (
    select *,
        case when voucher_no is null then 'blank' end as voucher_no_error,
        case when project_code is null then 'blank' end as project_code_error,
        case when pay_date_text is null then 'blank' else date_problem(pay_date_text) end as pay_date_error,
        case when amount_text is null then 'blank'
             else coalesce(number_problem(amount_text, 2, 1e15), case when to_number(amount_text) = 0 then 'zero' end)
        end as amount_yuan_error
    from cells
    where coalesce(voucher_no, project_code, pay_date_text, amount_text, payee, summary) is not null
),
typed as not materialized (
    select *,
        case when pay_date_error is null then to_date(pay_date_text) end as pay_date,
        case when amount_yuan_error is null then to_number(amount_text)::decimal(18, 2) end as amount_yuan,
        coalesce(voucher_no_error, project_code_error, pay_date_error, amount_yuan_error) is null as cells_ok
    from checked
),
repeated as (               -- keys given more than once among the good rows: their first line
    select year(pay_date) as fiscal_year, voucher_no, min(line) as first_line
    from typed
    where cells_ok
    group by all
    having count(*) > 1
),
final as (
    select t.*, year(t.pay_date) as fiscal_year,
        case when t.cells_ok then coalesce(r.first_line, t.line) end as first_line
    from typed t
    left join repeated r on r.fiscal_year = year(t.pay_date) and r.voucher_no = t.voucher_no
)
select * exclude (pay_date_text, amount_text, cells_ok), cells_ok and first_line = line as row_ok
from final
