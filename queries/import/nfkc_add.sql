-- nfkc_add: one odd code and its normal form (executemany).
insert into import_nfkc values (?, ?)
