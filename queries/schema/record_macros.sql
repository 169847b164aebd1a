-- record_macros: the stored macros were made from the files of spending.db.MACROS whose SHA-256 is $sha.
insert into macros_version values ($sha)
