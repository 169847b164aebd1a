"""The command line's verbs, grouped by what they are; spending/__main__.py holds the parser and the dispatch.

imports      import-plan, import-disbursements, import-adjustments, import-indicators, import-document,
             mappings (saved 导入方案), history and undo (the import batches)
reports      status, sections, units, sources, compare, report (the pace, read only)
notices      notices issue|list|letters|review|send|remind (预警与问询, and its mail)
accounts     user add|remove|list, audit
maintenance  init, remove-sample, backup, export-parquet
arguments    the argument types and --wait; database: how a verb opens the database; output: what it prints
"""
