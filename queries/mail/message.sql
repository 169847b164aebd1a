-- message: the outbox's row of message $key (none: never queued).
select message_key, kind, section, fiscal_year, month, message_id, recipients, subject, attachments, queued_at,
       sent_at, error
from mail_outbox
where message_key = $key
