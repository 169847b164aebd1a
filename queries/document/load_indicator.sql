-- load_indicator: write one 绩效指标 of a 部门预算绩效文本 or of init's indicator list, batch $batch.
insert into indicators (fiscal_year, project_code, seq, level_1, level_2, level_3, description, symbol, target_value,
                        unit, basis, batch_id)
values ($year, $code, $seq, $level_1, $level_2, $level_3, $description, $symbol, $target_value, $unit, $basis, $batch)
