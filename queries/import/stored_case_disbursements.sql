-- stored_case_disbursements: a staged voucher number that no stored payment of its year has, but one has in
-- other case (key_case, check_macros.sql), takes the stored spelling: stored_disbursements.sql then compares
-- the row with that payment (identical: skipped; else a conflict naming it). Of stored numbers that differ only
-- in case among themselves (imported before issue 32), the first in sort order. Only stored numbers with a
-- letter that has case (has_case) are looked at: with none (none stored that year, or only digits and dashes)
-- the file's rows are not even read.
update import_staged s set voucher_no = m.stored
from (
    select j.fiscal_year, j.voucher_no, j.stored
    from (
        select f.fiscal_year, f.voucher_no, min(d.voucher_no) as stored
        from import_staged f
        join (select fiscal_year, voucher_no from disbursements where has_case(voucher_no)) d
          on d.fiscal_year = f.fiscal_year and key_case(d.voucher_no) = key_case(f.voucher_no)
        where f.row_ok and d.voucher_no <> f.voucher_no
        group by f.fiscal_year, f.voucher_no
    ) j
    anti join disbursements e on e.fiscal_year = j.fiscal_year and e.voucher_no = j.voucher_no
) m
where s.fiscal_year = m.fiscal_year and s.voucher_no = m.voucher_no and s.row_ok
