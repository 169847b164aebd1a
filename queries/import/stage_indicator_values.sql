-- stage_indicator_values: each row of an indicator-values file (temp table import_raw) checked
-- on its own: the actual value of indicator 序号 seq of a project for a month, and/or a judgement
-- (达成 / 有风险 / 未达成, or met / at_risk / not_met). repeated_rows.sql then checks
-- the keys across rows.
create or replace temp table import_staged as
with
cells as (
    select line,
        cell(fiscal_year) as year_text,
        code(project_code) as project_code,
        cell(seq) as seq_text,
        cell(month) as month_text,
        cell(actual_value) as actual_value,
        cell(judged_status) as judged_text
    from import_raw
),
checked as (
    select *,
        case when year_text is null then 'blank' else year_problem(year_text) end as fiscal_year_error,
        case when project_code is null then 'blank' end as project_code_error,
        case when seq_text is null then 'blank'
             when not regexp_full_match(seq_text, '[1-9]\d{0,3}') then 'not_index' end as seq_error,
        case when month_text is null then 'blank'
             when try_cast(month_text as integer) not between 1 and 12
                  or not regexp_full_match(month_text, '\d{1,2}') then 'month_range' end as month_error,
        case when judged_text is not null
                  and judged_text not in ('达成', '有风险', '未达成', 'met', 'at_risk', 'not_met') then 'judgement'
             when judged_text is null and actual_value is null then 'blank' end as judged_status_error,
        text_problem(actual_value) as actual_value_error     -- a control or bidi character
    from cells
    where coalesce(year_text, project_code, seq_text, month_text, actual_value, judged_text) is not null
),
typed as (
    select *,
        try_cast(year_text as integer) as fiscal_year,
        try_cast(seq_text as integer) as seq,
        try_cast(month_text as integer) as month,
        case judged_text when '达成' then 'met' when '有风险' then 'at_risk' when '未达成' then 'not_met'
                         else judged_text end as judged_status,
        coalesce(fiscal_year_error, project_code_error, seq_error, month_error, judged_status_error,
                 actual_value_error) is null as cells_ok
    from checked
),
final as (
    select *,
        cells_ok as row_ok,
        case when cells_ok then line end as first_line      -- of a key given more than once: see repeated_rows.sql
    from typed
)
select * from final
