-- clear_indicators: remove project $code's 绩效指标 in fiscal year $year before the document's are written.
delete from indicators
where fiscal_year = $year and project_code = $code
