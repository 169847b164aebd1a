-- add_batch: record a batch (an import of a file, a document's 科室 or 绩效指标, init's lists) and return its id.
-- $amount: the total of the rows loaded in 元 (NULL for lists without amounts).
insert into import_batches (kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped, amount_yuan, is_sample,
                            imported_by)
values ($kind, $file, $sha, $rows_in_file, $rows_loaded, $rows_skipped, $amount::decimal(18, 2), $sample, $user)
returning batch_id
