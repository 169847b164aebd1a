-- sections: every 科室 known in fiscal year $year (with or without projects), document order;
-- only those in $scope when it is a list (a section user's own).
select s.section, s.seq, s.duties, to_wan(s.amount_yuan) as amount_wan,
       (select count(*) from projects p where p.fiscal_year = s.fiscal_year and p.section = s.section) as projects
from sections s
where s.fiscal_year = $year
  and ($scope::varchar[] is null or list_contains($scope::varchar[], s.section))
order by s.seq nulls last, s.section
