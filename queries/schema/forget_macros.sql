-- forget_macros: drop the record of the stored macros (record_macros follows in the same transaction).
delete from macros_version
