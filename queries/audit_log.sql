-- audit_log: the audit log from day $since (NULL = all), newest first; $limit caps the rows (NULL = all).
select "at", actor, action, object, detail
from audit_log
where $since::date is null or "at" >= $since::date
order by audit_id desc
limit $limit
