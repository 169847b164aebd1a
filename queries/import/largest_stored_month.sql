-- largest_stored_month: the largest stored payments total of one project in one month (absolute, yuan):
-- with the file's own absolute total, it tells whether project_month_too_large.sql needs to run at all.
select coalesce(max(abs(amount_yuan)), 0) from monthly_actuals
