-- parquet: the rows of an export query (the text of export/projects, export/disbursements or export/adjustments,
-- which db.filled puts in place of the rows hole) as Parquet under folder $target/fiscal_year=Y/section=S/, the hive
-- layout. S is the section, or, past 80 UTF-8 bytes, its first 18 characters, "~" and 8 hex digits of its MD5
-- (no folder name past 255 bytes); every file holds the full name as section_name. Returns the rows written.
copy (select * replace (case when strlen(section) <= 80 then section
                             else left(section, 18) || '~' || left(md5(section), 8) end as section),
             section as section_name
      from ({rows}))
to $target (format parquet, partition_by (fiscal_year, section), overwrite_or_ignore)
