-- stored_macros: the SHA-256 of the files the stored macros were made from (spending.db.MACROS).
select max(sha256) from macros_version
