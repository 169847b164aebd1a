-- stored_case_adjustments: as stored_case_disbursements.sql for a document number (文号) stored for the same
-- project in the same year.
update import_staged s set doc_no = m.stored
from (
    select j.fiscal_year, j.project_code, j.doc_no, j.stored
    from (
        select f.fiscal_year, f.project_code, f.doc_no, min(a.doc_no) as stored
        from import_staged f
        join (select fiscal_year, project_code, doc_no from adjustments where has_case(doc_no)) a
          on a.fiscal_year = f.fiscal_year and a.project_code = f.project_code and key_case(a.doc_no) = key_case(f.doc_no)
        where f.row_ok and a.doc_no <> f.doc_no
        group by f.fiscal_year, f.project_code, f.doc_no
    ) j
    anti join adjustments e on e.fiscal_year = j.fiscal_year and e.project_code = j.project_code and e.doc_no = j.doc_no
) m
where s.fiscal_year = m.fiscal_year and s.project_code = m.project_code and s.doc_no = m.doc_no and s.row_ok
