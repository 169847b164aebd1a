-- nfkc_candidates: the distinct values of the key or code column $column of import_staged holding a
-- character NFKC may change (needs_nfkc, check_macros.sql), for spending.characters.normalise_code to map.
-- columns([$column]) takes the column by its exact name (a bare string is a pattern: voucher_no_error too).
select distinct columns([$column]) from import_staged where needs_nfkc(columns([$column]))
