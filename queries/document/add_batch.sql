-- add_batch: record a batch of a document import (its sections or its indicators) and return its id.
insert into import_batches (kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped, is_sample, imported_by)
values ($kind, $file, $sha, $rows_in_file, $rows_loaded, $rows_skipped, $sample, $user)
returning batch_id
