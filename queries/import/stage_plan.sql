-- stage_plan: each row of a plan file (temp table import_raw) checked on its own (SPEC §2);
-- repeated_rows.sql then checks the keys across rows. $year is --year (or NULL). $wan: 年初预算数 is in 万元
-- (at most 6 decimals), else in 元 (at most 2; SPEC §5 Units of money); either is kept exactly in 元. Checkpoints m01..m12 are
-- cumulative % (blank = no checkpoint that month), at least one, never decreasing. Names, codes and texts
-- holding a control or bidi character are refused (text_problem); amount_next: see stage_disbursements.sql.
-- SPEC §5 (task K): 单位编码 + 预算单位 (or one 代码 - 名称 cell) name the project's unit; 资金来源 and 是否直达资金
-- the source of its 年初预算数 (NULL = not given: 本级安排资金, not 直达).
create or replace temp table import_staged as
with
cells as (
    select line,
        cell(fiscal_year) as year_text,
        code(project_code) as project_code,
        cell(project_name) as project_name,
        code(section) as section,
        text_problem(project_code) as code_text_error,
        text_problem(project_name) as name_text_error,
        text_problem(section) as section_text_error,
        cell(budget_wan) as budget_text,
        amount_next,
        cell(m01) as t01, cell(m02) as t02, cell(m03) as t03,
        cell(m04) as t04, cell(m05) as t05, cell(m06) as t06,
        cell(m07) as t07, cell(m08) as t08, cell(m09) as t09,
        cell(m10) as t10, cell(m11) as t11, cell(m12) as t12,
        cell(purpose) as purpose,
        cell(goal_1) as goal_1,
        cell(goal_2) as goal_2,
        case when unit_code is not null then code(unit_code) end as unit_code_cell,
        case when unit_name is not null then cell(unit_name) end as unit_name_cell,
        case when source is not null then cell(source) end as source,
        case when direct is not null then cell(direct) end as direct_cell
    from import_raw
),
checked as (
    select *,
        case when year_text is null then case when $year::integer is null then 'year_missing' end
             else coalesce(year_problem(year_text),
                           case when try_cast(year_text as integer) <> $year::integer then 'year_mismatch' end)
        end as fiscal_year_error,
        case when project_code is null then 'blank' else code_text_error end as project_code_error,
        case when project_name is null then 'blank' else name_text_error end as project_name_error,
        case when section is null then 'blank' else section_text_error end as section_error,
        text_problem(purpose) as purpose_error,
        text_problem(goal_1) as goal_1_error,
        text_problem(goal_2) as goal_2_error,
        coalesce(unit_code_cell, case when unit_name_cell is not null then code_of(code(unit_name_cell)) end) as unit_code,
        case when unit_name_cell is not null then coalesce(name_of(code(unit_name_cell)), unit_name_cell) end as unit_name,
        coalesce(text_problem(unit_code_cell), text_problem(unit_name_cell)) as unit_name_error,
        text_problem(source) as source_error,
        case when direct_cell is null then null
             when lower(direct_cell) in ('是', 'y', 'yes', '1', 'true', '直达') then true
             when lower(direct_cell) in ('否', 'n', 'no', '0', 'false', '非直达') then false end as direct,
        case when direct_cell is not null and direct is null then 'flag' end as direct_error,
        case when budget_text is null then 'blank'
             else coalesce(split_amount(budget_text, amount_next),
                           case when $wan::boolean then number_problem(budget_text, 6, 1e9)
                                else number_problem(budget_text, 2, 1e13) end,
                           case when to_number(budget_text) < 0 then 'negative' end)
        end as budget_wan_error,
        pct_problem(t01) as m01_error, pct_problem(t02) as m02_error, pct_problem(t03) as m03_error,
        pct_problem(t04) as m04_error, pct_problem(t05) as m05_error, pct_problem(t06) as m06_error,
        pct_problem(t07) as m07_error, pct_problem(t08) as m08_error, pct_problem(t09) as m09_error,
        pct_problem(t10) as m10_error, pct_problem(t11) as m11_error, pct_problem(t12) as m12_error
    from cells
    where coalesce(year_text, project_code, project_name, section, budget_text, t01, t02, t03, t04, t05, t06,
                   t07, t08, t09, t10, t11, t12, purpose, goal_1, goal_2, unit_code_cell, unit_name_cell, source,
                   direct_cell) is not null
),
typed as (
    select *,
        coalesce(try_cast(year_text as integer), $year::integer) as fiscal_year,
        case when budget_wan_error is null
             then to_number(budget_text) * case when $wan::boolean then 1 else 0.0001 end end as budget_wan,
        case when budget_wan_error is null
             then (to_number(budget_text) * case when $wan::boolean then 10000 else 1 end)::decimal(18, 2) end as budget_yuan,
        try_cast(to_number(pct_text(t01)) as decimal(5, 2)) as m01, try_cast(to_number(pct_text(t02)) as decimal(5, 2)) as m02,
        try_cast(to_number(pct_text(t03)) as decimal(5, 2)) as m03, try_cast(to_number(pct_text(t04)) as decimal(5, 2)) as m04,
        try_cast(to_number(pct_text(t05)) as decimal(5, 2)) as m05, try_cast(to_number(pct_text(t06)) as decimal(5, 2)) as m06,
        try_cast(to_number(pct_text(t07)) as decimal(5, 2)) as m07, try_cast(to_number(pct_text(t08)) as decimal(5, 2)) as m08,
        try_cast(to_number(pct_text(t09)) as decimal(5, 2)) as m09, try_cast(to_number(pct_text(t10)) as decimal(5, 2)) as m10,
        try_cast(to_number(pct_text(t11)) as decimal(5, 2)) as m11, try_cast(to_number(pct_text(t12)) as decimal(5, 2)) as m12,
        coalesce(fiscal_year_error, project_code_error, project_name_error, section_error, budget_wan_error,
                 m01_error, m02_error, m03_error, m04_error, m05_error, m06_error,
                 m07_error, m08_error, m09_error, m10_error, m11_error, m12_error,
                 purpose_error, goal_1_error, goal_2_error, unit_name_error, source_error, direct_error) is null as cells_ok
    from (select * exclude (amount_next, code_text_error, name_text_error, section_text_error, unit_code_cell,
                            unit_name_cell, direct_cell) from checked)
),
schedule as (                   -- the first month whose checkpoint is below an earlier one
    select *,
        case when m02 < greatest(m01) then 'm02'
             when m03 < greatest(m01, m02) then 'm03'
             when m04 < greatest(m01, m02, m03) then 'm04'
             when m05 < greatest(m01, m02, m03, m04) then 'm05'
             when m06 < greatest(m01, m02, m03, m04, m05) then 'm06'
             when m07 < greatest(m01, m02, m03, m04, m05, m06) then 'm07'
             when m08 < greatest(m01, m02, m03, m04, m05, m06, m07) then 'm08'
             when m09 < greatest(m01, m02, m03, m04, m05, m06, m07, m08) then 'm09'
             when m10 < greatest(m01, m02, m03, m04, m05, m06, m07, m08, m09) then 'm10'
             when m11 < greatest(m01, m02, m03, m04, m05, m06, m07, m08, m09, m10) then 'm11'
             when m12 < greatest(m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11) then 'm12'
        end as decreasing_month
    from typed
),
final as (
    select *,
        list_filter([{'month': 1, 'pct': m01, 'yuan': NULL::decimal(18, 2)}, {'month': 2, 'pct': m02, 'yuan': NULL::decimal(18, 2)}, {'month': 3, 'pct': m03, 'yuan': NULL::decimal(18, 2)},
                     {'month': 4, 'pct': m04, 'yuan': NULL::decimal(18, 2)}, {'month': 5, 'pct': m05, 'yuan': NULL::decimal(18, 2)}, {'month': 6, 'pct': m06, 'yuan': NULL::decimal(18, 2)},
                     {'month': 7, 'pct': m07, 'yuan': NULL::decimal(18, 2)}, {'month': 8, 'pct': m08, 'yuan': NULL::decimal(18, 2)}, {'month': 9, 'pct': m09, 'yuan': NULL::decimal(18, 2)},
                     {'month': 10, 'pct': m10, 'yuan': NULL::decimal(18, 2)}, {'month': 11, 'pct': m11, 'yuan': NULL::decimal(18, 2)}, {'month': 12, 'pct': m12, 'yuan': NULL::decimal(18, 2)}],
                    lambda c: c.pct is not null) as checkpoints,   -- yuan: a 用款计划's amount (stage_spending_plan.sql)
        cells_ok and decreasing_month is null as schedule_ok   -- no checkpoint: a project without a plan (SPEC §5)
    from schedule
)
select *,
    schedule_ok as row_ok,
    case when schedule_ok then line end as first_line      -- of a key given more than once: see repeated_rows.sql
from final
