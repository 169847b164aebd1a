-- compare_sections: per 科室, fiscal year $year against fiscal year $with_year at the end of the same
-- month $month (section_pace over pace_cache, as section_status does). A section present in only one
-- year has blanks for the other; change_pp = actual_pct − last_actual_pct, from the exact sums and
-- rounded once (like deviation_pp). Most behind plan first.
with
this_year as (
    select section, budget_fen, actual_fen, actual_pct, plan_pct, deviation_pp
    from section_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6), true, null)
    where as_of_month = $month
),
last_year as (
    select section, budget_fen, actual_fen, actual_pct, deviation_pp
    from section_pace($with_year, $yellow::decimal(18, 6), $red::decimal(18, 6), true, null)
    where as_of_month = $month
)
select
    $year as fiscal_year, $with_year as with_year,
    strftime(make_date($year, $month, 1), '%Y-%m') as as_of,
    coalesce(t.section, l.section) as section,
    t.actual_pct, t.plan_pct, t.deviation_pp,
    l.actual_pct as last_actual_pct, l.deviation_pp as last_deviation_pp,
    case when t.budget_fen <> 0 and l.budget_fen <> 0
         then round2(100 * (t.actual_fen * l.budget_fen - l.actual_fen * t.budget_fen), t.budget_fen * l.budget_fen)
    end as change_pp
from this_year t
full outer join last_year l on t.section = l.section
order by t.deviation_pp asc nulls last, coalesce(t.section, l.section)
