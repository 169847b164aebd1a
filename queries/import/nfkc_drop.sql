-- nfkc_drop: import_nfkc once its values are applied.
drop table import_nfkc
