-- adjustments: every budget adjustment with its project's section, for Parquet.
select a.fiscal_year, p.section, a.project_code, a.doc_no, a.effective_date, a.amount_yuan, a.reason, a.batch_id,
    a.quota_doc_no, a.source, a.direct   -- what an 指标 file says of each (migration 018)
from adjustments a
join projects p on p.fiscal_year = a.fiscal_year and p.project_code = a.project_code
