-- batch_history: every import batch, newest first (`history` on the command line).
select batch_id, imported_at, kind, file_name, rows_loaded, amount_yuan, undone_at
from import_batches
order by batch_id desc
