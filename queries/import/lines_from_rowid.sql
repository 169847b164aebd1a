-- lines_from_rowid: the lines of rows staged from raw_unnumbered.sql (every line 0): the staged table holds the
-- file's rows in file order, every one of them (the caller checks that the staging left none out), so row i is on
-- line $first_line + i; first_line (of a key given more than once) is the row's own line where the staging set one.
update import_staged
set line = rowid + $first_line,
    first_line = case when first_line is not null then rowid + $first_line end
