-- last_payment: the date of the last payment imported for fiscal year $year (数据截至); NULL without payments.
select max(pay_date) as last_pay_date
from disbursements
where fiscal_year = $year
