-- mark_failed: message $key was not accepted; $error says why (it stays unsent: the next send tries it again).
update mail_outbox set error = $error
where message_key = $key and sent_at is null
