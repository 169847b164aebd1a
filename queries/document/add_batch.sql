-- add_batch: record a batch of 科室 or 绩效指标 (of a document import, or of init's lists) and return its id.
insert into import_batches (kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped, is_sample, imported_by)
values ($kind, $file, $sha, $rows_in_file, $rows_loaded, $rows_skipped, $sample, $user)
returning batch_id
