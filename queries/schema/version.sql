-- version: the schema version of this database (the highest migration applied).
select coalesce(max(version), 0) from schema_version
