-- new_totals: the rows to write, the sum of their amounts ({amount}) and of its absolute values.
select count(*), coalesce(sum({amount}), 0), coalesce(sum(abs({amount})), 0) from import_new
