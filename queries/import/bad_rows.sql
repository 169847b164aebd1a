-- bad_rows: the first $limit staged rows with a problem (error codes per column), in file order.
select * from import_staged where not row_ok order by line limit $limit
