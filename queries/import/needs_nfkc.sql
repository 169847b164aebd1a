-- needs_nfkc: the distinct values of the code column {column} that NFKC may change (files.normalise_code).
select distinct {column} from import_staged where needs_nfkc({column})
