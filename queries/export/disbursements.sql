-- disbursements: every payment with its project's section (the unit to partition by), for Parquet; each line
-- with what its file said (SPEC §5: detail line, 指标文号, source, 直达, 政府采购, 预算单位).
select d.fiscal_year, p.section, d.voucher_no, d.project_code, d.pay_date, d.amount_yuan, d.payee, d.summary,
       d.batch_id, d.line_no, d.quota_doc_no, d.source, d.direct, d.procurement, d.unit_code, d.unit_name
from disbursements d
join projects p on p.fiscal_year = d.fiscal_year and p.project_code = d.project_code
