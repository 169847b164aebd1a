-- queue: put message $key (a section's 问询函 or reminder) in the outbox, or refresh what a message not sent yet
-- is sent to and with ($recipients, $subject, $attachments: its section's accounts may have changed since the last
-- attempt). A message already sent is left as it is.
insert into mail_outbox (message_key, kind, section, fiscal_year, month, message_id, recipients, subject, attachments,
                         queued_at)
values ($key, $kind, $section, $year, $month, $message_id, $recipients::varchar[], $subject, $attachments::varchar[],
        $at::timestamp)
on conflict (message_key) do update set recipients = excluded.recipients, subject = excluded.subject,
                                        attachments = excluded.attachments
where mail_outbox.sent_at is null
