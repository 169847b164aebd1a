-- remove: forget one 导入方案 by its name (returns how many rows went: 0 or 1).
delete from import_mappings where name = $mapping
