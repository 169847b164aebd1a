-- Schema version 12: voucher numbers stored before issue 19 may hold the invisible characters the importer
-- now removes from every key (code() in queries/import/check_macros.sql: control, format and separator
-- characters, the fillers that show as blank; hyphens and dashes as "-"). Cleaned here the same way, so
-- that the same voucher imported again is the stored one, never a second payment. A voucher whose cleaned
-- number another stored voucher of its year already has keeps its number (the importer then names the
-- file's row as a conflict with the one it matches); a number nothing would be left of stays as it is.
create temp table cleaned_vouchers as
select fiscal_year, voucher_no,
       trim(regexp_replace(regexp_replace(voucher_no,
           '[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}\x{034F}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}]',
           '', 'g'), '[\x{2010}-\x{2015}\x{2212}\x{FE58}\x{FE63}\x{FF0D}]', '-', 'g')) as clean
from disbursements
where strlen(voucher_no) <> length(voucher_no) or regexp_matches(voucher_no, '[\x00-\x20\x7F]');

update disbursements d set voucher_no = c.clean
from cleaned_vouchers c
where d.fiscal_year = c.fiscal_year and d.voucher_no = c.voucher_no
  and c.clean <> '' and c.clean <> c.voucher_no
  and not exists (select 1 from disbursements o where o.fiscal_year = c.fiscal_year and o.voucher_no = c.clean)
  and (select count(*) from cleaned_vouchers s where s.fiscal_year = c.fiscal_year and s.clean = c.clean) = 1;

drop table cleaned_vouchers;
