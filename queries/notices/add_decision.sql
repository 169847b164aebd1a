-- add_decision: the treasury closes (销号) the inquiry about $code for month $month of $year by its decision, at $at (spending.clock.now).
insert into inquiry_decisions (fiscal_year, month, project_code, decision, note, decided_by, decided_at)
values ($year, $month, $code, $decision, $note, $user, $at::timestamp)
