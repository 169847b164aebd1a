-- project_adjustments: one project's budget adjustments in fiscal year $year (all of them;
-- the page marks those after the as-of month).
select a.effective_date, a.doc_no, to_wan(a.amount_yuan) as amount_wan, a.reason, b.is_sample,
    a.quota_doc_no, a.source, a.direct   -- of an 指标 file (migration 018)
from adjustments a
join import_batches b using (batch_id)
where a.fiscal_year = $year and a.project_code = $code
order by a.effective_date, a.doc_no
