-- save: store a new 导入方案 ($mapping unique; one per $kind and $signature).
insert into import_mappings (name, kind, header_signature, columns, created_by)
values ($mapping, $kind, $signature, $columns, $created_by)
