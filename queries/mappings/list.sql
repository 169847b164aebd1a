-- list: every saved 导入方案, by kind then name.
select name, kind, header_signature, columns, created_at, created_by
from import_mappings
order by list_position(['plan', 'disbursements', 'adjustments', 'indicator_values'], kind), name
