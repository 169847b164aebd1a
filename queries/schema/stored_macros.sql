-- stored_macros: the SHA-256 of the queries/macros.sql the stored macros were made from.
select max(sha256) from macros_version
