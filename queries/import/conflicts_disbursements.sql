-- conflicts_disbursements: staged payments whose voucher is stored with other content (temp table
-- import_stored, from stored_disbursements.sql: the stored line it was compared with), the stored and the file's values side by side.
select c.line, s.voucher_no, c.differs,
    concat_ws('，', nullif(d.line_no, ''), d.project_code, d.pay_date::varchar, d.amount_yuan::varchar || ' 元', d.payee, d.summary) as stored_values,
    concat_ws('，', nullif(s.line_no, ''), s.project_code, s.pay_date::varchar, s.amount_yuan::varchar || ' 元', s.payee, s.summary) as file_values
from import_stored c
join import_staged s on s.line = c.line
join disbursements d on d.fiscal_year = s.fiscal_year and d.voucher_no = s.voucher_no and d.line_no = c.line_no
where c.differs <> ''
order by c.line
