-- load_plan_sections: sections named by new plan rows and not yet known (duties come from data/).
insert into sections (fiscal_year, section, batch_id)
select distinct fiscal_year, section, $batch from import_new
on conflict do nothing
