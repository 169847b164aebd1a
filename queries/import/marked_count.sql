-- marked_count: of the lines marked_lines.sql found (temp table import_marked), the last line read as a row and
-- how many rows are odd (a 合计 line, a line break in a key: then marks.sql keeps their cells).
select max(line), count(*) filter (where odd) from import_marked
