-- stage_adjustments: each row of an adjustment file (temp table import_raw) checked on its own
-- (SPEC §2); as stage_disbursements. 万元 become yuan once, here. repeated_rows.sql
-- then checks the keys across rows. amount_next: see stage_disbursements.sql; 调整原因 is searched for
-- control and bidi characters (an adjustment file is small).
create or replace temp table import_staged as
with
cells as (
    select line,
        code(doc_no) as doc_no,
        code(project_code) as project_code,
        cell(effective_date) as effective_date_text,
        cell(amount_wan) as amount_text,
        amount_next,
        cell(reason) as reason
    from import_raw
),
checked as (
    select *,
        case when doc_no is null then 'blank' end as doc_no_error,
        case when project_code is null then 'blank' end as project_code_error,
        case when effective_date_text is null then 'blank' else date_problem(effective_date_text) end as effective_date_error,
        case when amount_text is null then 'blank'
             else coalesce(split_amount(amount_text, amount_next), number_problem(amount_text, 6, 1e9),
                           case when to_number(amount_text) = 0 then 'zero' end)
        end as amount_wan_error,
        text_problem(reason) as reason_error
    from cells
    where coalesce(doc_no, project_code, effective_date_text, amount_text, reason) is not null
),
typed as (
    select *,
        case when effective_date_error is null then to_date(effective_date_text) end as effective_date,
        case when amount_wan_error is null then to_number(amount_text) end as amount_wan,
        case when amount_wan_error is null then (to_number(amount_text) * 10000)::decimal(18, 2) end as amount_yuan,
        coalesce(doc_no_error, project_code_error, effective_date_error, amount_wan_error, reason_error) is null as cells_ok
    from checked
),
final as (
    select * exclude (amount_next), year(effective_date) as fiscal_year,
        cells_ok as row_ok,
        case when cells_ok then line end as first_line      -- of a key given more than once: see repeated_rows.sql
    from typed
)
select * from final
