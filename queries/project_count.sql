-- project_count: how many projects project_status lists with the same filters, uncapped (all money; a choice of
-- sources: project_count_money).
select count(*) as matching
from whole_projects($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6),
                    $sections::varchar[], $statuses::varchar[], $min_gap::decimal(18, 2), $unit::varchar)
where case when $sources::varchar[] is not null or $direct::boolean
           then error('project_count counts all money: a choice of sources is project_count_money')
           else true end
