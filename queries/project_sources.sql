-- project_sources: the 资金来源 of each project at the end of month $month of fiscal year $year (SPEC §5: the
-- sources its budget or its payments are in, as `sources` counts them), 直达资金 first, then the largest budget;
-- direct: some of its money is 直达资金. The section packets name them beside the 预算单位 (issue 34).
-- Of the projects of the sections in $scope (NULL = all).
select m.project_code,
    list(m.source order by m.direct desc, m.budget_fen desc, m.source) as sources,
    bool_or(m.direct) as direct
from source_money($year, $month) m
join projects p on p.fiscal_year = $year and p.project_code = m.project_code
where $scope::varchar[] is null or list_contains($scope::varchar[], p.section)
group by m.project_code
