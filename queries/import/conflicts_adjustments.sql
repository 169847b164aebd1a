-- conflicts_adjustments: staged adjustments whose document number is stored with other content (temp
-- table import_stored, from stored_adjustments.sql), the stored and the file's values side by side.
select c.line, s.doc_no, c.differs,
    concat_ws('，', a.effective_date::varchar, to_wan(a.amount_yuan)::varchar || ' 万元', a.reason) as stored_values,
    concat_ws('，', s.effective_date::varchar, s.amount_wan::decimal(18, 6)::varchar || ' 万元', s.reason) as file_values
from import_stored c
join import_staged s on s.line = c.line
join adjustments a on a.fiscal_year = s.fiscal_year and a.project_code = s.project_code and a.doc_no = s.doc_no
where c.differs <> ''
order by c.line
