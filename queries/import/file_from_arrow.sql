-- file_from_arrow: the cells read in Python (the Arrow table arrow, scanned by name) as import_file;
-- {names}: the file's columns c0, c1, … under the kind's column names.
create or replace temp table import_file as select line_no as line, {names} from arrow
