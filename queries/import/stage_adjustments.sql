-- stage_adjustments: each row of an adjustment file (temp table import_raw) checked on its own
-- (SPEC §2); as stage_disbursements. 万元 become yuan once, here. repeated_rows.sql
-- then checks the keys across rows. amount_next: see stage_disbursements.sql; 调整原因 is searched for
-- control and bidi characters (an adjustment file is small).
-- $wan: the amount is in 万元 (at most 6 decimals), else in 元 (at most 2; the header, a title row or the unit
-- given says which, SPEC §5 Units of money); either is converted exactly to 元.
-- An 指标分配 export (task J, issue 33): its 项目 cell is `代码 名称` (a space) or `代码 - 名称`, of which the
-- code is taken; its 指标文号, 资金来源 (指标来源) and 是否直达资金 (直达资金标识: 是/否 …) are kept as the payment
-- side keeps them (stage_disbursements.sql).
-- Its 预算单位 (单位编码 + 预算单位, or one cell `代码 - 名称` or `代码 名称`) is staged as unit_code, unit_name for
-- unit_mismatch.sql (SPEC §5: a 指标 row naming a unit names its project's); it is checked, not stored.
create or replace temp table import_staged as
with
cells as (
    select line,
        code(doc_no) as doc_no,
        coalesce(code_of(code(project_code)), code(project_code)) as project_code,
        cell(effective_date) as effective_date_text,
        cell(amount_wan) as amount_text,
        amount_next,
        cell(reason) as reason,
        code(quota_doc_no) as quota_doc_no,
        cell(source) as source,
        cell(direct) as direct_cell,
        code(unit_code) as unit_code_cell,
        cell(unit_name) as unit_name_cell
    from import_raw
),
checked as (
    select *,
        case when doc_no is null then 'blank' end as doc_no_error,
        case when project_code is null then 'blank' end as project_code_error,
        case when effective_date_text is null then 'blank' else date_problem(effective_date_text) end as effective_date_error,
        case when amount_text is null then 'blank'
             when $wan::boolean then coalesce(split_amount(amount_text, amount_next), number_problem(amount_text, 6, 1e9),
                                              case when to_number(amount_text) = 0 then 'zero' end)
             else coalesce(split_amount(amount_text, amount_next), number_problem(amount_text, 2, 1e13),
                           case when to_number(amount_text) = 0 then 'zero' end)
        end as amount_wan_error,
        text_problem(reason) as reason_error,
        text_problem(source) as source_error,
        text_problem(quota_doc_no) as quota_doc_no_error,
        case when direct_cell is null then null
             when lower(direct_cell) in ('是', 'y', 'yes', '1', 'true', '直达') then true
             when lower(direct_cell) in ('否', 'n', 'no', '0', 'false', '非直达') then false end as direct,
        case when direct_cell is not null and direct is null then 'flag' end as direct_error,
        coalesce(unit_code_cell, code_of(code(unit_name_cell))) as unit_code,
        case when unit_name_cell is not null then coalesce(name_of(code(unit_name_cell)), unit_name_cell) end as unit_name,
        coalesce(text_problem(unit_code_cell), text_problem(unit_name_cell)) as unit_name_error
    from cells
    where coalesce(doc_no, project_code, effective_date_text, amount_text, reason, quota_doc_no, source, direct_cell,
                   unit_code_cell, unit_name_cell) is not null
),
typed as (
    select *,
        case when effective_date_error is null then to_date(effective_date_text) end as effective_date,
        case when amount_wan_error is null
             then to_number(amount_text) * case when $wan::boolean then 1 else 0.0001 end end as amount_wan,
        case when amount_wan_error is null
             then (to_number(amount_text) * case when $wan::boolean then 10000 else 1 end)::decimal(18, 2) end as amount_yuan,
        coalesce(doc_no_error, project_code_error, effective_date_error, amount_wan_error, reason_error,
                 source_error, quota_doc_no_error, direct_error, unit_name_error) is null as cells_ok
    from checked
),
final as (
    select * exclude (amount_next, direct_cell, unit_code_cell, unit_name_cell), year(effective_date) as fiscal_year,
        cells_ok as row_ok,
        case when cells_ok then line end as first_line      -- of a key given more than once: see repeated_rows.sql
    from typed
)
select * from final
