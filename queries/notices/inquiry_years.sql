-- inquiry_years: the fiscal years that have inquiries (the reminders look at every one of them).
select distinct fiscal_year from inquiries order by fiscal_year
