-- bad_raw_rows: the cells as read (temp view import_raw) of the first $limit staged rows with a problem.
select * from import_raw
where line in (select line from import_staged where not row_ok order by line limit $limit)
