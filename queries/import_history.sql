-- import_history: every batch, newest first (数据 page).
select batch_id, imported_at, kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped,
       to_wan(amount_yuan) as amount_wan, is_sample, imported_by, undone_at
from import_batches
order by batch_id desc
