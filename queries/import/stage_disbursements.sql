-- stage_disbursements: each row of a payment file (temp table import_raw) checked on its own
-- (SPEC §2): typed values, an error code per column (NULL = fine) and row_ok.
-- repeated_rows.sql then checks the keys across rows.
-- A date or amount cell already in its plain form (2021-03-15, 12345.67: what the cast gives back)
-- is taken as cast; only the others are cleaned and checked cell by cell (3× faster on 10 million rows).
-- amount_next is the file's cell after the amount where it is 收款单位 or 摘要 (else NULL): 1 then 000 is
-- an unquoted 1,000. $suspect lists the lines in which the reader saw a control or bidi character
-- (files.ControlScan, fast on bytes): only their 收款单位 and 摘要 are searched by text_problem (a regular
-- expression on every cell of 10 million rows would double the import); $check_all: every line (too many
-- were flagged).
-- $wan: the amounts are 万元 (the header or a title row says so), converted exactly to 元 (at most 6 decimals).
-- A 项目编码 cell holding 代码 - 名称 (预算项目 of an export) gives its code; the name (that cell's, or the
-- 项目名称 column's) is checked against the plan by spending.ingest._match_names, which also finds the code
-- of a row that names its project only.
create or replace temp table import_staged as
with
cells as (
    select line,
        code(voucher_no) as voucher_no,
        code(project_code) as project_cell,
        cell(project_name) as project_name_cell,
        pay_date as pay_date_cell,
        try_cast(pay_date as date) as pay_date_cast,
        amount_yuan as amount_cell,
        amount_next,
        try_cast(amount_yuan as decimal(18, 2)) as amount_cast,
        cell(payee) as payee,
        cell(summary) as summary,
        case when $check_all::boolean or (len($suspect::bigint[]) > 0 and list_contains($suspect::bigint[], line))
             then coalesce(text_problem(payee), text_problem(summary)) end as text_error
    from import_raw
),
plain as (
    select * exclude (project_cell, project_name_cell, pay_date_cell, pay_date_cast, amount_cell, amount_cast),
        coalesce(code_part(project_cell), project_cell) as project_code,
        coalesce(project_name_cell, name_part(project_cell)) as project_name,
        case when is_plain_date(pay_date_cell, pay_date_cast) then pay_date_cast end as pay_date_plain,
        case when pay_date_plain is null then cell(pay_date_cell) end as pay_date_text,
        case when not $wan::boolean and amount_cast::varchar = amount_cell then amount_cast end as amount_plain,
        case when amount_plain is null then cell(amount_cell) end as amount_text
    from cells
),
checked as (
    select *,
        case when voucher_no is null then 'blank' end as voucher_no_error,
        case when project_code is null and project_name is null then 'blank' end as project_code_error,
        case when pay_date_plain is not null then null
             when pay_date_text is null then 'blank'
             else date_problem(pay_date_text) end as pay_date_error,
        case when amount_plain is not null then
                  case when amount_plain = 0 then 'zero' when abs(amount_plain) >= 1e13 then 'too_large' end
             when amount_text is null then 'blank'
             when $wan::boolean then coalesce(split_amount(amount_text, amount_next), number_problem(amount_text, 6, 1e9),
                                              case when to_number(amount_text) = 0 then 'zero' end)
             else coalesce(split_amount(amount_text, amount_next), number_problem(amount_text, 2, 1e13),
                           case when to_number(amount_text) = 0 then 'zero' end)
        end as amount_yuan_error,
        case when text_error is not null then text_problem(payee) end as payee_error,
        case when text_error is not null then text_problem(summary) end as summary_error
    from plain
    where coalesce(voucher_no, project_code, project_name, pay_date_plain::varchar, pay_date_text,
                   amount_plain::varchar, amount_text, payee, summary) is not null
),
typed as (
    select *,
        case when pay_date_error is null then coalesce(pay_date_plain, to_date(pay_date_text)) end as pay_date,
        case when amount_yuan_error is null
             then coalesce(amount_plain, (to_number(amount_text) * case when $wan::boolean then 10000 else 1 end)::decimal(18, 2))
        end as amount_yuan,
        coalesce(voucher_no_error, project_code_error, pay_date_error, amount_yuan_error, text_error) is null as cells_ok
    from checked
),
final as (
    select * exclude (pay_date_plain, pay_date_text, amount_plain, amount_text, amount_next, text_error, cells_ok),
        year(pay_date) as fiscal_year,
        cells_ok as row_ok,
        case when cells_ok then line end as first_line      -- of a key given more than once: see repeated_rows.sql
    from typed
)
select * from final
