-- record_macros: the stored macros were made from the queries/macros.sql of SHA-256 $sha.
insert into macros_version values ($sha)
