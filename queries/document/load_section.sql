-- load_section: write one 科室 of a 部门预算绩效文本 or of init's section list (new, or its seq, duties and amount
-- replaced), batch $batch.
insert into sections (fiscal_year, section, seq, duties, amount_yuan, batch_id)
values ($year, $section, $seq, $duties, $amount_yuan::decimal(18, 2), $batch)
on conflict (fiscal_year, section) do update set
    seq = excluded.seq, duties = excluded.duties, amount_yuan = excluded.amount_yuan, batch_id = excluded.batch_id
