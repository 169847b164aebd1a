-- stage_disbursements: each row of a payment file (temp table import_raw) checked on its own
-- (SPEC §2): typed values, an error code per column (NULL = fine) and row_ok.
-- repeated_rows.sql then checks the keys across rows.
-- A date or amount cell already in its plain form (2021-03-15, 12345.67: what the cast gives back)
-- is taken as cast; only the others are cleaned and checked cell by cell (3× faster on 10 million rows).
-- amount_next is the file's cell after the amount where it is 收款单位 or 摘要 (else NULL): 1 then 000 is
-- an unquoted 1,000. $suspect lists the lines in which the reader saw a control or bidi character
-- (files.encodings.ControlScan, fast on bytes): only their 收款单位 and 摘要 are searched by text_problem (a regular
-- expression on every cell of 10 million rows would double the import); $check_all: every line (too many
-- were flagged).
-- $wan: the amounts are 万元 (the header or a title row says so), converted exactly to 元 (at most 6 decimals).
-- A 项目编码 cell holding 代码 - 名称 (预算项目 of an export) gives its code; the name (that cell's, or the
-- 项目名称 column's) is checked against the plan by spending.ingest._match_names, which also finds the code
-- of a row that names its project only.
-- Detail lines (SPEC §5): the key is (fiscal_year, voucher_no, line_no), line_no = 明细序号 when given, else
-- 指标文号, else ''. fiscal_year = 预算年度 when given, else the year of pay_date; a line of 预算年度 Y may be
-- paid in Y or, as a carry-over payment, until 30 June of Y + 1 (CARRY_OVER_MONTHS in spending.ingest.columns;
-- the CHECK of migration 014): earlier or later is a problem of the 预算年度 cell. 是否直达资金 and 是否政府采购
-- are 是/否 (also Y/N, 1/0, true/false); the rest is kept as the file says (预算单位 as 代码 - 名称 split).
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
        -- the columns of SPEC §5, guarded: cell() and code() on a column the file lacks (all NULL) would
        -- still run their regular expressions on every row (+40 % CPU on 1 million rows)
        case when line_no is not null then code(line_no) end as line_cell,
        case when budget_year is not null then cell(budget_year) end as budget_year_text,
        case when quota_doc_no is not null then code(quota_doc_no) end as quota_doc_no,
        case when source is not null then cell(source) end as source,
        case when direct is not null then cell(direct) end as direct_cell,
        case when procurement is not null then cell(procurement) end as procurement_cell,
        case when unit_code is not null then code(unit_code) end as unit_code_cell,
        case when unit_name is not null then cell(unit_name) end as unit_name_cell,
        -- code() once here: the macros below would expand it in each of their uses (3 × 0.5 s on 1 million names)
        case when unit_name is not null then code(unit_name) end as unit_name_code,
        case when $check_all::boolean or (len($suspect::bigint[]) > 0 and list_contains($suspect::bigint[], line))
             then coalesce(text_problem(payee), text_problem(summary)) end as text_error
    from import_raw
),
plain as (
    select * exclude (project_cell, project_name_cell, pay_date_cell, pay_date_cast, amount_cell, amount_cast,
                      line_cell, direct_cell, procurement_cell, unit_code_cell, unit_name_cell, unit_name_code),
        coalesce(line_cell, quota_doc_no, '') as line_no,
        case when direct_cell is null then null
             when lower(direct_cell) in ('是', 'y', 'yes', '1', 'true', '直达') then true
             when lower(direct_cell) in ('否', 'n', 'no', '0', 'false', '非直达') then false end as direct,
        case when procurement_cell is null then null
             when lower(procurement_cell) in ('是', 'y', 'yes', '1', 'true') then true
             when lower(procurement_cell) in ('否', 'n', 'no', '0', 'false') then false end as procurement,
        case when direct_cell is not null and direct is null then 'flag' end as direct_error,
        case when procurement_cell is not null and procurement is null then 'flag' end as procurement_error,
        coalesce(unit_code_cell, case when unit_name_cell is not null then code_of(unit_name_code) end) as unit_code,
        case when unit_name_cell is not null then coalesce(name_of(unit_name_code), unit_name_cell) end as unit_name,
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
        case when text_error is not null then text_problem(summary) end as summary_error,
        case when budget_year_text is not null then year_problem(budget_year_text) end as budget_year_format_error
    from plain
    where coalesce(voucher_no, project_code, project_name, pay_date_plain::varchar, pay_date_text,
                   amount_plain::varchar, amount_text, payee, summary, budget_year_text, quota_doc_no, nullif(line_no, ''))
          is not null
),
typed as (
    select *,
        case when pay_date_error is null then coalesce(pay_date_plain, to_date(pay_date_text)) end as pay_date,
        case when amount_yuan_error is null
             then coalesce(amount_plain, (to_number(amount_text) * case when $wan::boolean then 10000 else 1 end)::decimal(18, 2))
        end as amount_yuan,
        case when budget_year_format_error is null then try_cast(budget_year_text as integer) end as budget_year
    from checked
),
years as (
    select *,
        coalesce(budget_year_format_error,
                 case when budget_year is null or pay_date is null then null
                      when year(pay_date) < budget_year then 'paid_before_budget_year'
                      when year(pay_date) > budget_year + 1 or (year(pay_date) = budget_year + 1 and month(pay_date) > 6)
                           then 'carry_over_late'
                 end) as budget_year_error,
        coalesce(voucher_no_error, project_code_error, pay_date_error, amount_yuan_error, text_error, budget_year_error,
                 direct_error, procurement_error) is null as cells_ok
    from typed
),
final as (
    select * exclude (pay_date_plain, pay_date_text, amount_plain, amount_text, amount_next, text_error, cells_ok,
                      budget_year_text, budget_year_format_error, budget_year),
        coalesce(budget_year, year(pay_date)) as fiscal_year,
        cells_ok as row_ok,
        case when cells_ok then line end as first_line      -- of a key given more than once: see repeated_rows.sql
    from years
)
select * from final
