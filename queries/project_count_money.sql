-- project_count_money: how many projects project_status_money lists with the same filters, uncapped.
select count(*) as matching
from chosen_projects($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6),
                     $sections::varchar[], $statuses::varchar[], $min_gap::decimal(18, 2),
                     $unit::varchar, $sources::varchar[], $direct::boolean)
