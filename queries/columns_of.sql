-- columns_of: only some columns of another query's rows, in its order (db.rows_of fills the holes with the columns'
-- names and the query's text), for a caller that shows some of them: a value fetched costs 1–2 µs in Python (a
-- Decimal), so `units` fetches the 17 columns it prints, not the 24 of its query (task B, issue 34).
select {columns}
from (
{query}
)
