-- data_version: changes whenever an import lands or is undone (part of every cache key).
select count(*), max(batch_id), max(undone_at) from import_batches
