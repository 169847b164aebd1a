-- outbox: every message of the outbox (of fiscal year $year, and reminders, when $year is given; NULL: all), newest
-- first, with how many attempts it took and the last one's time: what went to whom, when, what failed and why.
with
tries as (
    select message_key, count(*) as attempts, max(tried_at) as last_tried_at
    from mail_attempts
    group by message_key
)
select o.kind, o.section, o.fiscal_year, o.month, o.recipients, o.subject, o.attachments, o.queued_at,
       t.last_tried_at, coalesce(t.attempts, 0) as attempts, o.sent_at, o.error, o.message_key
from mail_outbox o
left join tries t using (message_key)
where $year::integer is null or o.fiscal_year is null or o.fiscal_year = $year
order by coalesce(o.sent_at, t.last_tried_at, o.queued_at) desc, o.message_key
