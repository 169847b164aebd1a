-- load_plan_clear_checkpoints: drop the stored checkpoints of the projects being (re)planned.
delete from plan_checkpoints c
using import_new n
where c.fiscal_year = n.fiscal_year and c.project_code = n.project_code
