-- stored_adjustments: staged adjustments whose key (fiscal year, project, doc_no) is already
-- stored, and which parsed values differ; '' means identical.
create or replace temp table import_stored as
select s.line, s.doc_no,
    concat_ws(', ',
        case when s.effective_date is distinct from a.effective_date then 'effective_date' end,
        case when s.amount_yuan is distinct from a.amount_yuan then 'amount_wan' end,
        case when s.reason is distinct from a.reason then 'reason' end,
        case when s.quota_doc_no is distinct from a.quota_doc_no then 'quota_doc_no' end,
        case when s.source is distinct from a.source then 'source' end,
        case when s.direct is distinct from a.direct then 'direct' end) as differs
from import_staged s
join adjustments a on a.fiscal_year = s.fiscal_year and a.project_code = s.project_code and a.doc_no = s.doc_no
where s.row_ok
order by s.line
