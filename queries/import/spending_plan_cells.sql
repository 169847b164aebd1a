-- spending_plan_cells: a 用款计划 in amounts (SPEC §5 Plans in amounts; task J, issue 33) from import_raw (the
-- columns of COLUMNS["spending_plan"]), staged as a plan (import_staged, the columns stage_plan.sql makes) so that
-- the plan's checks, writes, versions and undo take it. $year is --year (or NULL); $wan: the amounts are in 万元
-- (at most 6 decimals), else in 元 (at most 2); either kept exactly in 元.
-- Each amount cell is one (project, month) amount: a wide file's 1月 … 12月 / 第一季度 … 第四季度 columns, or a long
-- file's 金额 at its 月份 or 季度. A quarter's amount is due by the end of its last month. The project is the row's
-- code (a `代码 名称` or `代码 - 名称` cell gives it), else the one project of the year's plan of that name (and
-- 科室, when given). Per project, the checkpoints are every month up to the last given (monthly) or every quarter
-- end up to the last given (quarterly), each holding the cumulative amount (a month without one plans nothing
-- more); plan_pct is that amount as a share of the initial budget, rounded (shown only: the pace uses the amount).
-- The problems of cells and rows go to import_plan_problems (line, column, value, code, first, planned, budget).
create or replace temp table import_plan_cells as
with
raw as (
    select line,
        cell(fiscal_year) as year_text,
        code(project_code) as code_cell,
        cell(project_name) as name_cell,
        code(section) as section,
        cell(month) as month_text,
        cell(quarter) as quarter_text,
        [{'col': 'amount', 'month': NULL::integer, 'quarterly': NULL::boolean, 'text': cell(amount)},
         {'col': 'a01', 'month': 1, 'quarterly': false, 'text': cell(a01)},
         {'col': 'a02', 'month': 2, 'quarterly': false, 'text': cell(a02)},
         {'col': 'a03', 'month': 3, 'quarterly': false, 'text': cell(a03)},
         {'col': 'a04', 'month': 4, 'quarterly': false, 'text': cell(a04)},
         {'col': 'a05', 'month': 5, 'quarterly': false, 'text': cell(a05)},
         {'col': 'a06', 'month': 6, 'quarterly': false, 'text': cell(a06)},
         {'col': 'a07', 'month': 7, 'quarterly': false, 'text': cell(a07)},
         {'col': 'a08', 'month': 8, 'quarterly': false, 'text': cell(a08)},
         {'col': 'a09', 'month': 9, 'quarterly': false, 'text': cell(a09)},
         {'col': 'a10', 'month': 10, 'quarterly': false, 'text': cell(a10)},
         {'col': 'a11', 'month': 11, 'quarterly': false, 'text': cell(a11)},
         {'col': 'a12', 'month': 12, 'quarterly': false, 'text': cell(a12)},
         {'col': 'q1', 'month': 3, 'quarterly': true, 'text': cell(q1)},
         {'col': 'q2', 'month': 6, 'quarterly': true, 'text': cell(q2)},
         {'col': 'q3', 'month': 9, 'quarterly': true, 'text': cell(q3)},
         {'col': 'q4', 'month': 12, 'quarterly': true, 'text': cell(q4)}] as amounts
    from import_raw
),
named as (
    select * exclude (amounts),
        case when year_text is null then $year::integer else try_cast(year_text as integer) end as fiscal_year,
        case when year_text is null then case when $year::integer is null then 'year_missing' end
             else coalesce(year_problem(year_text),
                           case when try_cast(year_text as integer) <> $year::integer then 'year_mismatch' end)
        end as year_error,
        coalesce(code_of(code_cell), code_cell) as code,
        coalesce(name_cell, name_of(code_cell)) as name,
        case when month_text is not null
             then try_cast(regexp_extract(month_text, '^(\d{1,2})(?:月份?)?$', 1) as integer)
             when quarter_text is not null
             then 3 * coalesce(try_cast(regexp_extract(quarter_text, '^(?:第|Q|q)?([1-4])(?:季度?)?$', 1) as integer),
                               list_position(['一', '二', '三', '四'],
                                             regexp_extract(quarter_text, '^第?([一二三四])季度?$', 1)))
        end as long_month,
        list_filter(amounts, lambda a: a.text is not null or (a.col = 'amount' and (month_text is not null or quarter_text is not null))) as given
    from raw
    where coalesce(year_text, code_cell, name_cell, section, month_text, quarter_text,
                   list_filter(amounts, lambda a: a.text is not null)[1].text) is not null
)
select line, fiscal_year, year_text, year_error, code, name, section, month_text, quarter_text,
    a.col as column_name, a.text as amount_text,
    case when a.col = 'amount' then long_month else a.month end as month,
    case when a.col = 'amount' then quarter_text is not null and month_text is null else a.quarterly end as quarterly,
    case when a.col = 'amount' and long_month not between 1 and 12 then 'plan_period'
         when a.col = 'amount' and long_month is null then 'plan_period' end as period_error,
    case when a.text is null then 'blank'
         when $wan::boolean then coalesce(number_problem(a.text, 6, 1e9),
                                          case when to_number(a.text) < 0 then 'plan_amount_negative' end)
         else coalesce(number_problem(a.text, 2, 1e13), case when to_number(a.text) < 0 then 'plan_amount_negative' end)
    end as amount_error,
    case when amount_error is null
         then (to_number(a.text) * case when $wan::boolean then 10000 else 1 end)::decimal(18, 2) end as amount_yuan
from named, unnest(given) as t(a)
