-- load_terms: write (or replace) project $code's terms from a 绩效目标申报表 in fiscal year $year.
insert or replace into project_terms (fiscal_year, project_code, total_yuan, period_start, period_end, nature,
                                      implementer, code_made)
values ($year, $code, $total_yuan::decimal(18, 2), $period_start::date, $period_end::date, $nature, $implementer,
        $code_made)
