-- find_for: the 导入方案 of this kind saved for this header signature (none or one).
select name, kind, header_signature, columns, created_at, created_by
from import_mappings
where kind = $kind and header_signature = $signature
