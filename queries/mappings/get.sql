-- get: one 导入方案 by its name (none or one).
select name, kind, header_signature, columns, created_at, created_by
from import_mappings
where name = $mapping
