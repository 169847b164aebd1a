-- find_repeated_disbursements: the payment lines whose (fiscal_year, voucher_no, line_no) an earlier row already has
-- (repeated_rows.sql): one voucher may hold several detail lines (SPEC §5); the voucher number in any case (key_case).
create or replace temp table import_repeated as select * from repeated_rows({fiscal_year: fiscal_year, voucher_no: key_case(voucher_no), line_no: line_no})
