-- refresh_pace_mark: note in pace_refresh the projects of the relation named $changed (a table or view
-- with fiscal_year and project_code, such as the importer's import_new) for a partial refresh.
insert into pace_refresh select distinct fiscal_year, project_code from query_table($changed)
